import { normalizeForMatch } from './normalize.js';

/*
 * Near-duplicate text: Jaccard similarity of character 4-gram shingles of the normalized text
 * (spaces kept as one character, so word boundaries count). Character shingles suit short posts
 * and Persian, where suffixes attach to words (کتاب/کتابها) and one changed letter should cost
 * a little, not a whole word.
 *
 * NEAR_DUPLICATE = 0.7: two posts that share 70% of their shingles are "the same text". Measured
 * on the crafted cases in similarity.test.ts: a reworded copy with added punctuation, emoji,
 * Arabic letter variants or a hashtag stays above 0.75; two independent witnesses describing the
 * same scene in their own words stay below 0.45. Texts shorter than MIN_MATCH_CHARS normalized
 * characters are never called duplicates (after Meedan Check's Alegre, which never auto-matches
 * texts under 8 characters): "Confirmed!" twice is not a copy.
 */

/** Shingle length in characters. */
export const SHINGLE = 4;
/** Similarity at or above which two texts are near-duplicates. */
export const NEAR_DUPLICATE = 0.7;
/** Normalized texts shorter than this are never near-duplicates. */
export const MIN_MATCH_CHARS = 12;

/** The set of shingles of already-normalized text. */
export function shingles(normalized: string): Set<string> {
  const out = new Set<string>();
  const s = ` ${normalized} `;
  if (s.length <= SHINGLE) {
    out.add(s);
    return out;
  }
  for (let i = 0; i + SHINGLE <= s.length; i++) out.add(s.slice(i, i + SHINGLE));
  return out;
}

/** Jaccard similarity of two shingle sets, 0..1. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  let both = 0;
  for (const x of small) if (large.has(x)) both++;
  return both / (a.size + b.size - both);
}

/** A text prepared once for many comparisons. */
export interface MatchText {
  normalized: string;
  shingles: Set<string>;
}

/** Normalizes and shingles `text`. */
export function prepareText(text: string): MatchText {
  const normalized = normalizeForMatch(text);
  return { normalized, shingles: shingles(normalized) };
}

/** Similarity of two prepared texts, 0..1; 0 when either is too short, or their lengths alone rule a near-duplicate out. */
export function similarity(a: MatchText, b: MatchText): number {
  if (a.normalized.length < MIN_MATCH_CHARS || b.normalized.length < MIN_MATCH_CHARS) return 0;
  // Jaccard is at most |small| / |large|: texts of very different lengths cannot be near-duplicates.
  const [small, large] =
    a.shingles.size < b.shingles.size ? [a.shingles.size, b.shingles.size] : [b.shingles.size, a.shingles.size];
  if (small < NEAR_DUPLICATE * large) return 0;
  return jaccard(a.shingles, b.shingles);
}
