import { tokenize } from '@lifeline/nostr';

/*
 * MinHash signatures over character shingles of normalized text, and their LSH band keys.
 * Text is folded by @lifeline/nostr's search normalizer (Arabic/Persian letter variants, Persian
 * and Arabic-Indic digits, ZWNJ, bidi marks, harakat, case) and cut into words, with links and
 * nostr: references dropped (each copy of a campaign may carry its own). Shingles are SHINGLE
 * characters long over the words joined by one space, so word order and spelling both count.
 * NUM_HASHES = BANDS x ROWS values; two texts whose shingle sets have Jaccard similarity s share
 * at least one band with probability 1 - (1 - s^ROWS)^BANDS: 99% at s = 0.7, 12% at s = 0.3.
 */

/** Characters per shingle. */
export const SHINGLE = 5;
/** LSH bands and rows per band; their product is the signature length. */
export const BANDS = 16;
export const ROWS = 4;
/** MinHash values per signature. */
export const NUM_HASHES = BANDS * ROWS;

const LINK = /\b(?:https?:\/\/|nostr:|www\.)\S+/giu;

/** The text as compared: folded, links removed, words joined by single spaces. */
export function comparableText(content: string): string {
  return tokenize(content.replace(LINK, ' ')).join(' ');
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** MurmurHash3's finalizer: one cheap, well-mixed 32-bit permutation per seed. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Fixed seeds so signatures are comparable across processes and restarts.
const SEEDS = Uint32Array.from({ length: NUM_HASHES }, (_, i) => mix(0x9e3779b9 + Math.imul(i + 1, 0x7f4a7c15)));

/** The distinct shingle hashes of comparable text (one shingle when the text is shorter). */
export function shingleHashes(text: string): Uint32Array {
  const set = new Set<number>();
  if (text.length <= SHINGLE) set.add(fnv1a(text));
  else for (let i = 0; i + SHINGLE <= text.length; i++) set.add(fnv1a(text.slice(i, i + SHINGLE)));
  return Uint32Array.from(set);
}

/** The MinHash signature (NUM_HASHES values) of a set of shingle hashes. */
export function minhash(shingles: Uint32Array): Uint32Array {
  const sig = new Uint32Array(NUM_HASHES).fill(0xffffffff);
  for (let s = 0; s < shingles.length; s++) {
    const h = shingles[s]!;
    for (let i = 0; i < NUM_HASHES; i++) {
      const v = mix(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** The estimated Jaccard similarity of two signatures: the share of positions where they agree. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < NUM_HASHES; i++) if (a[i] === b[i]) same++;
  return same / NUM_HASHES;
}

/** One bucket key per band: texts sharing a key are candidate near-duplicates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = b;
    for (let r = 0; r < ROWS; r++) h = mix(h ^ sig[b * ROWS + r]!);
    keys.push(`${b}:${h.toString(36)}`);
  }
  return keys;
}
