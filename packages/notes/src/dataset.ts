// Turns note and rating rows into dense typed arrays once, so every later step (filters, fits,
// status rules) is a loop over integers. IDs are sorted before indexing, so the result does not
// depend on input order.
import type { Classification, Helpfulness, NoteRow, RatingRow } from './types.js';

/** helpfulnessLevel → the number the model fits (the reference's helpfulNum). */
export const HELPFUL_NUM: Record<Helpfulness, number> = { HELPFUL: 1, SOMEWHAT_HELPFUL: 0.5, NOT_HELPFUL: 0 };

/** All notes and ratings of one run as parallel arrays. */
export interface Dataset {
  noteIds: string[];
  raterIds: string[];
  /** per note: the author's participant id ('' when the note row is missing) */
  noteAuthor: string[];
  noteCreated: Float64Array;
  /** per note: 1 if the note says the post is not misleading, 0 if misleading, -1 if unknown */
  noteNotMisleading: Int8Array;
  /** per rating */
  ratingNote: Int32Array;
  ratingRater: Int32Array;
  ratingValue: Float32Array;
  ratingCreated: Float64Array;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Indexes notes and ratings. A rater's repeated ratings of one note collapse to the newest, as a
 * rater changes a rating by rating again. Rows created after `nowMillis` are ignored.
 */
export function buildDataset(notes: readonly NoteRow[], ratings: readonly RatingRow[], nowMillis = Infinity): Dataset {
  const noteInfo = new Map<string, NoteRow>();
  for (const n of notes) if (n.createdAtMillis <= nowMillis) noteInfo.set(n.noteId, n);
  const noteSet = new Set<string>(noteInfo.keys());
  const raterSet = new Set<string>();
  for (const r of ratings) {
    if (r.createdAtMillis > nowMillis) continue;
    noteSet.add(r.noteId);
    raterSet.add(r.raterParticipantId);
  }
  const noteIds = [...noteSet].sort(byCodeUnit);
  const raterIds = [...raterSet].sort(byCodeUnit);
  const noteIndex = new Map(noteIds.map((id, i) => [id, i]));
  const raterIndex = new Map(raterIds.map((id, i) => [id, i]));

  const M = noteIds.length;
  const noteAuthor: string[] = new Array(M);
  const noteCreated = new Float64Array(M);
  const noteNotMisleading = new Int8Array(M);
  for (let i = 0; i < M; i++) {
    const info = noteInfo.get(noteIds[i] as string);
    noteAuthor[i] = info?.noteAuthorParticipantId ?? '';
    noteCreated[i] = info ? info.createdAtMillis : Number.NaN;
    noteNotMisleading[i] = info ? classificationFlag(info.classification) : -1;
  }

  // Keep the newest rating per (note, rater): the key fits in a double (M·U < 2^53).
  const U = raterIds.length;
  const newest = new Map<number, number>();
  for (let k = 0; k < ratings.length; k++) {
    const r = ratings[k] as RatingRow;
    if (r.createdAtMillis > nowMillis) continue;
    const key = (noteIndex.get(r.noteId) as number) * U + (raterIndex.get(r.raterParticipantId) as number);
    const seen = newest.get(key);
    if (seen === undefined || (ratings[seen] as RatingRow).createdAtMillis <= r.createdAtMillis) newest.set(key, k);
  }
  const N = newest.size;
  const ratingNote = new Int32Array(N);
  const ratingRater = new Int32Array(N);
  const ratingValue = new Float32Array(N);
  const ratingCreated = new Float64Array(N);
  let j = 0;
  for (const [key, k] of newest) {
    const r = ratings[k] as RatingRow;
    ratingNote[j] = Math.floor(key / U);
    ratingRater[j] = key % U;
    const value = HELPFUL_NUM[r.helpfulnessLevel];
    if (value === undefined) throw new Error(`unknown helpfulnessLevel ${JSON.stringify(r.helpfulnessLevel)}`);
    ratingValue[j] = value;
    ratingCreated[j] = r.createdAtMillis;
    j++;
  }
  return {
    noteIds,
    raterIds,
    noteAuthor,
    noteCreated,
    noteNotMisleading,
    ratingNote,
    ratingRater,
    ratingValue,
    ratingCreated,
  };
}

function classificationFlag(c: Classification): number {
  if (c === 'NOT_MISLEADING') return 1;
  if (c === 'MISINFORMED_OR_POTENTIALLY_MISLEADING') return 0;
  return -1;
}

/** Counts of `ids[k]` over the ratings listed in `subset`. */
export function countBy(ids: Int32Array, subset: Int32Array, size: number): Int32Array {
  const counts = new Int32Array(size);
  for (const k of subset) counts[ids[k] as number] = (counts[ids[k] as number] as number) + 1;
  return counts;
}

/** The ratings in `subset` that pass `keep`. */
export function select(subset: Int32Array, keep: (k: number) => boolean): Int32Array {
  const out = new Int32Array(subset.length);
  let n = 0;
  for (const k of subset) if (keep(k)) out[n++] = k;
  return out.slice(0, n);
}

/**
 * The reference's rating filter, applied once rather than to a fixed point: notes with at least
 * `minPerNote` ratings, then raters with at least `minPerRater`, then notes again.
 */
export function filterRatings(d: Dataset, subset: Int32Array, minPerRater: number, minPerNote: number): Int32Array {
  const M = d.noteIds.length;
  const U = d.raterIds.length;
  let s = subset;
  const notes = () => {
    const c = countBy(d.ratingNote, s, M);
    s = select(s, (k) => (c[d.ratingNote[k] as number] as number) >= minPerNote);
  };
  notes();
  const c = countBy(d.ratingRater, s, U);
  s = select(s, (k) => (c[d.ratingRater[k] as number] as number) >= minPerRater);
  notes();
  return s;
}
