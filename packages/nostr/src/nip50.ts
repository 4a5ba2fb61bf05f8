import type { NostrEvent } from './types.js';

/*
 * NIP-50 search, tuned so Persian typed on Arabic keyboards, with or without ZWNJ, diacritics or
 * Persian digits, finds the same posts. Decisions:
 * - Arabic letter variants fold to the Persian letter: ي ى ئ → ی, ك → ک, ة ۀ ە ہ ھ → ه,
 *   أ إ ٱ آ → ا, ؤ → و. Folding آ and the hamza forms loses a distinction, but people type both
 *   spellings for the same word, and recall matters more than precision here.
 * - Arabic-Indic and Persian digits become ASCII digits, so ۱۴۰۲ finds 1402.
 * - Invisible characters are removed rather than turned into spaces: ZWNJ joins the parts of one
 *   Persian word (می‌روم = میروم), and bidi marks sit inside words when text is pasted.
 * - A query term matches a word when it is a prefix of that word (کتاب finds کتابها, protest
 *   finds protests): Persian attaches plural and possessive suffixes to the stem.
 */

// Letters folded to one spelling; index by UTF-16 code unit (all are in the BMP).
const FOLD: Record<number, string> = {
  1610: 'ی', // ي Arabic yeh
  1609: 'ی', // ى alef maksura
  1574: 'ی', // ئ yeh with hamza
  1603: 'ک', // ك Arabic kaf
  1577: 'ه', // ة teh marbuta
  1728: 'ه', // ۀ heh with yeh above
  1749: 'ه', // ە ae
  1729: 'ه', // ہ heh goal
  1726: 'ه', // ھ heh doachashmee
  1571: 'ا', // أ
  1573: 'ا', // إ
  1649: 'ا', // ٱ alef wasla
  1570: 'ا', // آ alef madda
  1572: 'و', // ؤ
};

/** True for code units that carry no meaning for search and are dropped. */
function isIgnorable(c: number): boolean {
  return (
    c === 0x200b || // zero width space
    c === 0x200c || // ZWNJ (joins Persian word parts)
    c === 0x200d || // ZWJ
    c === 0x200e || // LRM
    c === 0x200f || // RLM
    (c >= 0x202a && c <= 0x202e) || // bidi embeddings/overrides
    (c >= 0x2066 && c <= 0x2069) || // bidi isolates
    c === 0x061c || // Arabic letter mark
    c === 0xfeff || // BOM / zero width no-break space
    c === 0x0640 || // tatweel (kashida)
    (c >= 0x064b && c <= 0x065f) || // harakat and other Arabic diacritics
    c === 0x0670 // superscript alef
  );
}

const NEEDS_WORK = /[\u0600-\u06ff\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** Folds text for search: NFKC, lowercase, Persian letter forms, ASCII digits, no invisibles. */
export function normalizeText(s: string): string {
  const base = s.normalize('NFKC').toLowerCase();
  if (!NEEDS_WORK.test(base)) return base;
  let out = '';
  for (let i = 0; i < base.length; i++) {
    const c = base.charCodeAt(i);
    if (c < 0x0600 || (c > 0x06ff && c < 0x200b)) {
      out += base[i];
    } else if (isIgnorable(c)) {
    } else if (c >= 0x0660 && c <= 0x0669) {
      out += String.fromCharCode(0x30 + c - 0x0660);
    } else if (c >= 0x06f0 && c <= 0x06f9) {
      out += String.fromCharCode(0x30 + c - 0x06f0);
    } else {
      out += FOLD[c] ?? base[i];
    }
  }
  return out;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

/** Splits text into normalized words (letters and digits with their combining marks). */
export function tokenize(s: string): string[] {
  return normalizeText(s).match(WORD) ?? [];
}

/** A parsed NIP-50 query: words to find, and `key:value` extensions kept apart. */
export interface ParsedSearch {
  terms: string[];
  extensions: Record<string, string>;
}

// NIP-50 extensions look like `language:fa`, `include:spam`; keys are ASCII words.
const EXTENSION = /^([a-z][a-z0-9_-]*):(\S+)$/i;

/** Splits a NIP-50 query into normalized terms (each once, in order) and `key:value` extensions (last one wins). */
export function parseSearch(query: string): ParsedSearch {
  const terms = new Set<string>();
  const extensions: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of query.split(/\s+/u)) {
    if (part === '') continue;
    const ext = EXTENSION.exec(part);
    // A URL such as https://x is not an extension: its value starts with '/'.
    if (ext?.[1] && ext[2] && !ext[2].startsWith('/')) {
      extensions[ext[1].toLowerCase()] = ext[2];
      continue;
    }
    for (const t of tokenize(part)) terms.add(t);
  }
  return { terms: [...terms], extensions };
}

/** True when the code point ending just before `at` is part of a word. */
function wordCharBefore(text: string, at: number): boolean {
  const c = text.charCodeAt(at - 1);
  // ASCII fast path; normalized text has no uppercase letters.
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
  // Look at the whole code point, which may be a surrogate pair.
  const start = at >= 2 && (c & 0xfc00) === 0xdc00 ? at - 2 : at - 1;
  return WORD_CHAR.test(text.slice(start, at));
}

/** True when `term` occurs in `text` at the start of a word. */
function hasWordPrefix(text: string, term: string): boolean {
  let at = text.indexOf(term);
  while (at !== -1) {
    if (at === 0 || !wordCharBefore(text, at)) return true;
    at = text.indexOf(term, at + 1);
  }
  return false;
}

// One event is matched against many live subscriptions: fold its text once.
const haystacks = new WeakMap<object, string>();

function searchableText(event: Pick<NostrEvent, 'content' | 'tags'>): string {
  let text = haystacks.get(event);
  if (text !== undefined) return text;
  text = normalizeText(event.content);
  for (const tag of event.tags) {
    if (tag[0] === 't' && tag[1] !== undefined) text += ` ${normalizeText(tag[1])}`;
  }
  haystacks.set(event, text);
  return text;
}

/**
 * True when every query term is a prefix of some word in the event's content or `t` tags.
 * A query with no terms (only extensions, or empty) matches everything. Events are treated as
 * immutable: their folded text is cached per object.
 */
export function matchesSearch(query: string | ParsedSearch, event: Pick<NostrEvent, 'content' | 'tags'>): boolean {
  const { terms } = typeof query === 'string' ? parseSearch(query) : query;
  if (terms.length === 0) return true;
  const text = searchableText(event);
  for (const term of terms) {
    if (!hasWordPrefix(text, term)) return false;
  }
  return true;
}

/** Normalizes a hashtag for storage and lookup: search folding, without the leading '#'. */
export function normalizeHashtag(tag: string): string {
  return normalizeText(tag.replace(/^[#＃]+/u, '')).trim();
}
