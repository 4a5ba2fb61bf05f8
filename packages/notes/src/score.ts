// The core model's pipeline (reference: MFBaseScorer._prescore_notes_and_users, then
// _score_notes_and_users): filter, first fit, provisional statuses, rater helpfulness, second fit on
// helpful raters, then a final fit of note parameters with rater parameters and μ frozen, and the
// status rules. Pure: no I/O, so it runs in a worker thread as well as in the CLI.
import { buildDataset, filterRatings, select, type Dataset } from './dataset.js';
import { fitSubset, refreshGlobal, type GlobalParams } from './fit-subset.js';
import { raterHelpfulness } from './helpfulness.js';
import { flipForIdentification } from './mf.js';
import { OMITTED } from './omitted.js';
import { mulberry32 } from './rng.js';
import { decideStatus, type SideStats } from './rules.js';
import type { NoteRow, RatingRow, RatingStatus, ScoredNote, ScoredRater, ScoreOptions, ScoreResult } from './types.js';

/** Extra knobs beyond the shared ScoreOptions. */
export interface CoreScoreOptions extends ScoreOptions {
  /**
   * When each note last got a non-NMR status (noteStatusHistory's
   * timestampMillisOfMostRecentStatusChange for CRH/CRNH): ratings after it are not "valid" for
   * rater helpfulness. Absent: every rating within 48 h of the note counts.
   */
  mostRecentNonNmrMillis?: ReadonlyMap<string, number>;
}

/** Diagnostics of one run, for benches and logs. */
export interface ScoreDiagnostics {
  fits: {
    name: string;
    ratings: number;
    notes: number;
    raters: number;
    epochs: number;
    trainError: number;
    mu: number;
  }[];
}

/** A run's result with its diagnostics. */
export interface CoreScoreResult extends ScoreResult {
  diagnostics: ScoreDiagnostics;
}

/** Scores notes from ratings with the Community Notes core model. */
export function scoreNotes(
  notes: readonly NoteRow[],
  ratings: readonly RatingRow[],
  options: CoreScoreOptions = {},
): CoreScoreResult {
  const d = buildDataset(notes, ratings, options.nowMillis);
  const M = d.noteIds.length;
  const U = d.raterIds.length;
  const rand = mulberry32(options.seed ?? 42);
  const fits: ScoreDiagnostics['fits'] = [];
  const all = new Int32Array(d.ratingNote.length).map((_, k) => k);
  const numRatings = new Int32Array(M);
  for (const n of d.ratingNote) numRatings[n] = (numRatings[n] as number) + 1;
  const record = (name: string, f: ReturnType<typeof fitSubset>) =>
    fits.push({
      name,
      ratings: f.numRatings,
      notes: f.numNotes,
      raters: f.numRaters,
      epochs: f.epochs,
      trainError: f.trainError,
      mu: f.params.mu,
    });

  // Prescoring, first fit: 5 per note, 10 per rater, 5 per note, applied once.
  const train = filterRatings(d, all, 10, 5);
  if (train.length === 0) return emptyResult(d, numRatings);
  const first = fitSubset(d, train, { rand });
  flipForIdentification(first.local);
  refreshGlobal(first, M, U);
  record('prescoring-1', first);

  // Provisional statuses from the first fit, then who rates helpfully.
  const provisional: RatingStatus[] = new Array(M);
  for (let n = 0; n < M; n++) {
    provisional[n] = decideStatus(signals(d, n, numRatings, first.params), false).status;
  }
  const lastNonNmr = new Float64Array(M).fill(Number.NaN);
  if (options.mostRecentNonNmrMillis) {
    for (let n = 0; n < M; n++)
      lastNonNmr[n] = options.mostRecentNonNmrMillis.get(d.noteIds[n] as string) ?? Number.NaN;
  }
  const helpful = raterHelpfulness(d, provisional, first.params.noteIntercept, lastNonNmr);

  // Prescoring, second fit: helpful raters only, warm-started from the first (μ restarts at 0).
  const second = select(train, (k) => helpful.included[d.ratingRater[k] as number] === 1);
  let prescored: ReturnType<typeof fitSubset> | undefined;
  if (second.length > 0) {
    prescored = fitSubset(d, second, { init: first.params, rand });
    flipForIdentification(prescored.local);
    refreshGlobal(prescored, M, U);
    record('prescoring-2', prescored);
  }

  // Final round: notes with ≥ 5 ratings overall, ratings by raters that have second-fit parameters.
  let final: GlobalParams | undefined;
  let finalRaters = new Uint8Array(U);
  if (prescored) {
    const p = prescored.params;
    const finalRatings = select(
      filterRatings(d, all, 0, 5),
      (k) => !Number.isNaN(p.raterIntercept[d.ratingRater[k] as number] as number),
    );
    if (finalRatings.length > 0) {
      const f = fitSubset(d, finalRatings, {
        init: p,
        mu: p.mu,
        freezeRaters: true,
        noteLossRatio: prescored.numRatings / prescored.numNotes,
        rand,
      });
      record('final', f);
      final = f.params;
      finalRaters = new Uint8Array(U);
      for (const u of f.raters) finalRaters[u] = 1;
    }
  }

  const sides = final ? sideStats(d, final, finalRaters) : undefined;
  const scored: ScoredNote[] = [];
  for (let n = 0; n < M; n++) {
    const params = final ?? nanParams(M, U);
    const v = decideStatus(
      {
        ...signals(d, n, numRatings, params),
        previous: options.previous?.get(d.noteIds[n] as string),
        sides: sides?.[n],
      },
      true,
    );
    const i = params.noteIntercept[n] as number;
    scored.push({
      noteId: d.noteIds[n] as string,
      coreNoteIntercept: Number.isNaN(i) ? null : i,
      coreNoteFactor1: Number.isNaN(i) ? null : (params.noteFactor[n] as number),
      coreRatingStatus: v.status,
      numRatings: numRatings[n] as number,
      rule: v.rule,
    });
  }
  const raters: ScoredRater[] = [];
  for (let u = 0; u < U; u++) {
    const inFinal = finalRaters[u] === 1;
    const pr = prescored?.params;
    raters.push({
      raterParticipantId: d.raterIds[u] as string,
      coreRaterIntercept: inFinal && pr ? (pr.raterIntercept[u] as number) : null,
      coreRaterFactor1: inFinal && pr ? (pr.raterFactor[u] as number) : null,
      included: inFinal,
      reason: inFinal ? undefined : raterReason(u, first.params, helpful),
    });
  }
  return { notes: scored, raters, omitted: [...OMITTED], diagnostics: { fits } };
}

function signals(d: Dataset, n: number, numRatings: Int32Array, p: GlobalParams) {
  return {
    numRatings: numRatings[n] as number,
    intercept: p.noteIntercept[n] as number,
    factor: p.noteFactor[n] as number,
    notMisleading: d.noteNotMisleading[n] as number,
  };
}

/** Per note: ratings by final-round raters split by the sign of their factor. */
function sideStats(d: Dataset, p: GlobalParams, raters: Uint8Array): SideStats[] {
  const M = d.noteIds.length;
  // Per note and side: count, sum of values, helpful count, not-helpful count.
  const acc = new Float64Array(M * 8);
  for (let k = 0; k < d.ratingNote.length; k++) {
    const u = d.ratingRater[k] as number;
    if (raters[u] !== 1) continue;
    const side = (p.raterFactor[u] as number) < 0 ? 0 : 4;
    const base = (d.ratingNote[k] as number) * 8 + side;
    const v = d.ratingValue[k] as number;
    acc[base] = (acc[base] as number) + 1;
    acc[base + 1] = (acc[base + 1] as number) + v;
    if (v === 1) acc[base + 2] = (acc[base + 2] as number) + 1;
    if (v === 0) acc[base + 3] = (acc[base + 3] as number) + 1;
  }
  const out: SideStats[] = new Array(M);
  for (let n = 0; n < M; n++) {
    const b = n * 8;
    const negCount = acc[b] as number;
    const posCount = acc[b + 4] as number;
    const total = negCount + posCount;
    const netMin = Math.max(
      0,
      Math.min((acc[b + 2] as number) - (acc[b + 3] as number), (acc[b + 6] as number) - (acc[b + 7] as number)),
    );
    out[n] = {
      negCount,
      posCount,
      negMean: negCount > 0 ? (acc[b + 1] as number) / negCount : Number.NaN,
      posMean: posCount > 0 ? (acc[b + 5] as number) / posCount : Number.NaN,
      netMin,
      netMinRatio: total > 0 ? netMin / total : 0,
    };
  }
  return out;
}

function raterReason(u: number, first: GlobalParams, h: ReturnType<typeof raterHelpfulness>): string | undefined {
  if (Number.isNaN(first.raterIntercept[u] as number)) return 'below the minimum of 10 ratings on notes with 5 ratings';
  const valid = h.validCount[u] as number;
  if (valid === 0) return 'no valid ratings (on notes that reached a status, within 48 h, before the status)';
  const ratio = (h.agreeCount[u] as number) / valid;
  if (ratio < 0.66)
    return `agreed with the eventual status on ${(ratio * 100).toFixed(0)}% of valid ratings (needs 66%)`;
  if (h.included[u] !== 1) return 'notes written by this rater score too low (author helpfulness)';
  return 'rated no note that reached the final round';
}

function nanParams(M: number, U: number): GlobalParams {
  return {
    noteIntercept: new Float32Array(M).fill(Number.NaN),
    noteFactor: new Float32Array(M).fill(Number.NaN),
    raterIntercept: new Float32Array(U).fill(Number.NaN),
    raterFactor: new Float32Array(U).fill(Number.NaN),
    mu: 0,
  };
}

function emptyResult(d: Dataset, numRatings: Int32Array): CoreScoreResult {
  return {
    notes: d.noteIds.map((noteId, n) => ({
      noteId,
      coreNoteIntercept: null,
      coreNoteFactor1: null,
      coreRatingStatus: 'NEEDS_MORE_RATINGS',
      numRatings: numRatings[n] as number,
      rule: 'INITIAL_NMR',
    })),
    raters: d.raterIds.map((raterParticipantId) => ({
      raterParticipantId,
      coreRaterIntercept: null,
      coreRaterFactor1: null,
      included: false,
      reason: 'below the minimum of 10 ratings on notes with 5 ratings',
    })),
    omitted: [...OMITTED],
    diagnostics: { fits: [] },
  };
}
