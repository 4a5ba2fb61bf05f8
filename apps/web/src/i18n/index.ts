import type { Dict } from './en.js';

/** UI languages. Persian switches the whole layout to right-to-left. */
export type Lang = 'en' | 'fa';
// Each string table is its own chunk: a reader downloads only the UI language's (issue 15). index.html
// preloads that one through assets/lang-*.js (written by scripts/build.mjs, which repeats readLang's
// choice), so loading it here adds no round trip; the other is fetched when someone switches.
const loaders: Record<Lang, () => Promise<Dict>> = {
  en: () => import('./en.js').then((m) => m.en),
  fa: () => import('./fa.js').then((m) => m.fa),
};
const dicts: Partial<Record<Lang, Dict>> = {};
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

/** Fetches the current language's strings (falling back to the other if that fails); call before rendering. */
export async function loadLang(): Promise<void> {
  try {
    dicts[current] ??= await loaders[current]();
  } catch {
    const other: Lang = current === 'fa' ? 'en' : 'fa';
    dicts[other] ??= await loaders[other]();
    current = other;
    applyLang();
  }
}

/** Switches the language (fetching its strings first), remembers it, and sets `<html lang dir>` so the layout mirrors. */
export async function setLang(next: Lang): Promise<void> {
  dicts[next] ??= await loaders[next]();
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
  // Before loadLang() resolves there is no table: the key itself, never a crash.
  const text = dicts[current]?.[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? formatNumber(vars[k]!) : `{${k}}`));
}

/** Numbers in the UI language's digits (Persian digits in the Persian UI). */
export function formatNumber(v: string | number): string {
  return typeof v === 'number' ? new Intl.NumberFormat(current === 'fa' ? 'fa-IR' : 'en-US').format(v) : v;
}
