// Rater helpfulness from prescoring (reference: note_ratings.get_valid_ratings and
// helpfulness_scores.py): which raters' ratings count in the second and final rounds.
import type { Dataset } from './dataset.js';
import type { RatingStatus } from './types.js';

/** Ratings later than this after a note's creation were made after the public data could show its status. */
export const PUBLIC_TSV_DELAY_MS = 48 * 3600 * 1000;
/** Notes created before this (19 May 2022) have no status history: their first 5 timely ratings count. */
export const TOMBSTONES_LAUNCH_MS = 1652918400000;
const MAX_HISTORICAL_VALID = 5;

/** Inclusion thresholds (MFBaseScorer defaults). */
export const HELPFULNESS = {
  minRaterAgreeRatio: 0.66,
  minCrhVsCrnhRatio: 0,
  minMeanNoteScore: 0.05,
  crnhMultiplier: 5,
};

/** Per rater: the outcome of the helpfulness filter and the figures behind it. */
export interface RaterHelpfulness {
  included: Uint8Array;
  validCount: Int32Array;
  agreeCount: Int32Array;
  /** per rater, NaN when they authored no scored note */
  crhCrnhRatioDifference: Float64Array;
  meanNoteScore: Float64Array;
}

/**
 * Computes which raters pass. `status` and `intercept` are the provisional per-note results of
 * the first fit; `mostRecentNonNmr` gives, per note index, when it last got a non-NMR status.
 */
export function raterHelpfulness(
  d: Dataset,
  status: readonly RatingStatus[],
  intercept: Float32Array,
  mostRecentNonNmr: Float64Array,
): RaterHelpfulness {
  const U = d.raterIds.length;
  const M = d.noteIds.length;
  const validCount = new Int32Array(U);
  const agreeCount = new Int32Array(U);
  const count = (k: number) => {
    const n = d.ratingNote[k] as number;
    const st = status[n];
    const v = d.ratingValue[k] as number;
    if ((st !== 'CURRENTLY_RATED_HELPFUL' && st !== 'CURRENTLY_RATED_NOT_HELPFUL') || (v !== 1 && v !== 0)) return;
    const u = d.ratingRater[k] as number;
    validCount[u] = (validCount[u] as number) + 1;
    const agrees = st === 'CURRENTLY_RATED_HELPFUL' ? v === 1 : v === 0;
    if (agrees) agreeCount[u] = (agreeCount[u] as number) + 1;
  };
  // Old notes: the first five ratings within 48 h, in time order.
  const oldNoteRatings: number[][] = [];
  for (let k = 0; k < d.ratingNote.length; k++) {
    const n = d.ratingNote[k] as number;
    const created = d.noteCreated[n] as number;
    const timely = (d.ratingCreated[k] as number) - created < PUBLIC_TSV_DELAY_MS;
    if (!timely) continue;
    if (created < TOMBSTONES_LAUNCH_MS) {
      const list = oldNoteRatings[n] ?? [];
      oldNoteRatings[n] = list;
      list.push(k);
      continue;
    }
    const last = mostRecentNonNmr[n] as number;
    if (Number.isNaN(last) || (d.ratingCreated[k] as number) < last) count(k);
  }
  for (const list of oldNoteRatings) {
    if (!list) continue;
    list.sort((a, b) => (d.ratingCreated[a] as number) - (d.ratingCreated[b] as number));
    for (const k of list.slice(0, MAX_HISTORICAL_VALID)) count(k);
  }

  // Author scores over the author's notes that were fitted.
  const authorNotes = new Map<string, { count: number; crh: number; crnh: number; sum: number }>();
  for (let n = 0; n < M; n++) {
    const i = intercept[n] as number;
    if (Number.isNaN(i)) continue;
    const author = d.noteAuthor[n] as string;
    const a = authorNotes.get(author) ?? { count: 0, crh: 0, crnh: 0, sum: 0 };
    authorNotes.set(author, a);
    a.count++;
    a.sum += i;
    if (status[n] === 'CURRENTLY_RATED_HELPFUL') a.crh++;
    if (status[n] === 'CURRENTLY_RATED_NOT_HELPFUL') a.crnh++;
  }
  const h = HELPFULNESS;
  const included = new Uint8Array(U);
  const crhCrnhRatioDifference = new Float64Array(U).fill(Number.NaN);
  const meanNoteScore = new Float64Array(U).fill(Number.NaN);
  for (let u = 0; u < U; u++) {
    const a = authorNotes.get(d.raterIds[u] as string);
    let authorOk = true;
    if (a) {
      const diff = a.crh / a.count - h.crnhMultiplier * (a.crnh / a.count);
      // The reference sums float32 intercepts in float32.
      const mean = Math.fround(a.sum / a.count);
      crhCrnhRatioDifference[u] = diff;
      meanNoteScore[u] = mean;
      authorOk = diff >= h.minCrhVsCrnhRatio && mean >= Math.fround(h.minMeanNoteScore);
    }
    const valid = validCount[u] as number;
    const agreeRatio = valid > 0 ? (agreeCount[u] as number) / valid : Number.NaN;
    included[u] = authorOk && agreeRatio >= h.minRaterAgreeRatio ? 1 : 0;
  }
  return { included, validCount, agreeCount, crhCrnhRatioDifference, meanNoteScore };
}
