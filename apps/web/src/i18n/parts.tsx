import type { ComponentChild } from 'preact';
import type { Dict } from './en.js';
import { t } from './index.js';

/** Like t(), but placeholders may be elements (a <Name>), kept in the order the language puts them. */
export function tParts(key: keyof Dict, vars: Record<string, ComponentChild>): ComponentChild[] {
  const marker = '\u0000';
  const text = t(key, Object.fromEntries(Object.keys(vars).map((k) => [k, `${marker}${k}${marker}`])));
  return text.split(marker).map((piece, i) => {
    if (i % 2 === 0) return piece;
    return vars[piece] ?? piece;
  });
}
