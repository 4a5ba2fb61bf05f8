import { en, type Dict } from './en.js';
import { fa } from './fa.js';

/** UI languages. Persian switches the whole layout to right-to-left. */
export type Lang = 'en' | 'fa';
const dicts: Record<Lang, Dict> = { en, fa };
const LANG_KEY = 'lifeline.lang';

let current: Lang = readLang();

function readLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'en' || saved === 'fa') return saved;
  } catch {
    // storage may be disabled; fall through to the browser's preference
  }
  return typeof navigator !== 'undefined' && navigator.language.startsWith('fa') ? 'fa' : 'en';
}

/** The current UI language. */
export function lang(): Lang {
  return current;
}

/** Switches the language, remembers it, and sets `<html lang dir>` so the layout mirrors. */
export function setLang(next: Lang): void {
  current = next;
  try {
    localStorage.setItem(LANG_KEY, next);
  } catch {
    // not remembered; still applied for this session
  }
  applyLang();
}

/** Writes lang and dir on the root element. */
export function applyLang(): void {
  document.documentElement.lang = current;
  document.documentElement.dir = current === 'fa' ? 'rtl' : 'ltr';
}

/** Translates a key, filling `{name}` placeholders. */
export function t(key: keyof Dict, vars: Record<string, string | number> = {}): string {
  const text = dicts[current][key];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? formatNumber(vars[k]!) : `{${k}}`));
}

/** Numbers in the UI language's digits (Persian digits in the Persian UI). */
export function formatNumber(v: string | number): string {
  return typeof v === 'number' ? new Intl.NumberFormat(current === 'fa' ? 'fa-IR' : 'en-US').format(v) : v;
}
