import { tokenize } from '@lifeline/nostr';

/*
 * MinHash signatures over character shingles of normalized text, and their LSH band keys.
 * Text is folded by @lifeline/nostr's search normalizer (Arabic/Persian letter variants, Persian
 * and Arabic-Indic digits, ZWNJ, bidi marks, harakat, case) and cut into words, with links and
 * nostr: references dropped (each copy of a campaign may carry its own). Shingles are SHINGLE
 * characters long over the words joined by one space, so word order and spelling both count.
 *
 * The signature is one-permutation MinHash (Li, Owen and Zhang 2012) with rotation densification
 * (Shrivastava 2017): each shingle is hashed once and kept as the minimum of one of NUM_HASHES
 * bins, and an empty bin borrows from the next non-empty one. That costs one hash per shingle
 * instead of NUM_HASHES, which is what lets it keep up with ingest on a shared core. Two texts
 * whose shingle sets have Jaccard similarity s agree in about s of the bins, and share at least
 * one LSH band (BANDS of ROWS bins) with probability 1 - (1 - s^ROWS)^BANDS: 89% at s = 0.7,
 * 99% at s = 0.8, 6% at s = 0.3. A campaign of many copies needs each copy to meet any one
 * earlier copy, so 8 bands suffice, at half the memory and hashing of 16.
 */

/** Characters per shingle. */
export const SHINGLE = 5;
/** LSH bands and rows per band; their product is the signature length. */
export const BANDS = 8;
export const ROWS = 4;
/** Values per signature (bins). */
export const NUM_HASHES = BANDS * ROWS;
const BIN_BITS = 5; // 2^5 = NUM_HASHES
const VALUE_BITS = 32 - BIN_BITS;

const LINK = /\b(?:https?:\/\/|nostr:|www\.)\S+/giu;

/** The text as compared: folded, links removed, words joined by single spaces. */
export function comparableText(content: string): string {
  return tokenize(content.replace(LINK, ' ')).join(' ');
}

/** MurmurHash3's finalizer: a cheap, well-mixed 32-bit permutation. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a of `len` UTF-16 code units of `s` from `at`, finalized by mix (no substring made). */
function shingleHash(s: string, at: number, len: number): number {
  let h = 0x811c9dc5;
  for (let i = at; i < at + len; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

/** The one-permutation MinHash signature (NUM_HASHES values) of comparable text. */
export function signature(text: string): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  const n = text.length <= SHINGLE ? 1 : text.length - SHINGLE + 1;
  for (let i = 0; i < n; i++) {
    const h = shingleHash(text, i, Math.min(SHINGLE, text.length));
    const bin = h >>> VALUE_BITS;
    const value = h & ((1 << VALUE_BITS) - 1);
    if (value < sig[bin]!) sig[bin] = value;
  }
  // Rotation densification: an empty bin takes the next non-empty bin's value (circularly), marked
  // with the distance so borrowed and own values never look equal by accident.
  for (let b = 0; b < NUM_HASHES; b++) {
    if (sig[b] !== 0xffffffff) continue;
    for (let d = 1; d < NUM_HASHES; d++) {
      const v = sig[(b + d) % NUM_HASHES]!;
      if (v !== 0xffffffff && v < 1 << VALUE_BITS) {
        sig[b] = (v + d * (1 << VALUE_BITS)) >>> 0;
        break;
      }
    }
  }
  return sig;
}

/** The estimated Jaccard similarity of two signatures: the share of bins where they agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** One bucket key per band, as a number (band number in the high bits, the rows' hash below). */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b + 1;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}
