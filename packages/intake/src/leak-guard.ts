import { createHmac } from 'node:crypto';

const PERSIAN_DIGITS = /[\u06f0-\u06f9\u0660-\u0669]/g;
const EMAIL = /[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+\.[^\s<>"'()[\],;:]+/g;
// A phone-like run: digits possibly broken by spaces, dots, dashes or brackets.
const NUMBER = /\+?\d[\d\s().\-/]{4,}\d/g;

/**
 * The identifying tokens in a text: email addresses (lowercased) and numbers of five or more
 * digits (as digits only, Persian digits read as ASCII), so "+98 21 555-0100" and "982155500100"
 * are one token.
 */
export function identifyingTokens(text: string): string[] {
  const t = text.normalize('NFKC').replace(PERSIAN_DIGITS, (d) => String((d.codePointAt(0) as number) & 0xf));
  const out = new Set<string>();
  for (const m of t.matchAll(EMAIL)) out.add(`@${m[0].toLowerCase()}`);
  for (const m of t.matchAll(NUMBER)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 5) out.add(`#${digits}`);
    // A national number without its country code still identifies: keep the last 9 digits too.
    if (digits.length > 9) out.add(`#${digits.slice(-9)}`);
  }
  return [...out];
}

/**
 * Keyed hashes of the identifying tokens in the contact details, stored beside a message so the
 * node can refuse to publish text that contains them without keeping them in clear.
 */
export function guardHashes(secret: Uint8Array, contactText: string): string[] {
  return identifyingTokens(contactText).map((t) => hashToken(secret, t));
}

/** True when `text` contains a token whose keyed hash is in `guards`. */
export function leaks(secret: Uint8Array, guards: ReadonlySet<string>, text: string): boolean {
  if (guards.size === 0) return false;
  for (const token of identifyingTokens(text)) {
    if (guards.has(hashToken(secret, token))) return true;
    // A published number may be a longer run that contains the sender's number.
    if (token.startsWith('#')) {
      const digits = token.slice(1);
      for (let len = 5; len <= Math.min(digits.length, 16); len++)
        for (let at = 0; at + len <= digits.length; at++)
          if (guards.has(hashToken(secret, `#${digits.slice(at, at + len)}`))) return true;
    }
  }
  return false;
}

const hashToken = (secret: Uint8Array, token: string) =>
  createHmac('sha256', secret).update(`guard:${token}`).digest('hex').slice(0, 32);
