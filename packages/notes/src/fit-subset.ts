// Runs one matrix factorisation over a subset of the dataset's ratings, translating between the
// dataset's global note/rater indices and the compact indices the fit uses. Parameters of notes or
// raters outside the subset are NaN, as the reference's left joins leave them.
import type { Dataset } from './dataset.js';
import { fitMf, type MfFit, type MfParams } from './mf.js';
import { xavierColumn } from './rng.js';

/** Parameters over the whole dataset (NaN where the note or rater was not in the fit). */
export interface GlobalParams {
  noteIntercept: Float32Array;
  noteFactor: Float32Array;
  raterIntercept: Float32Array;
  raterFactor: Float32Array;
  mu: number;
}

/** One fit's outcome in global indices, plus its size and how it went. */
export interface SubsetFit {
  params: GlobalParams;
  numRatings: number;
  numNotes: number;
  numRaters: number;
  epochs: number;
  trainError: number;
  local: MfFit;
  /** global index of each local note / rater */
  notes: Int32Array;
  raters: Int32Array;
}

/** How a subset fit starts and what it learns. */
export interface SubsetFitOptions {
  /** warm start from these parameters (NaN entries start at 0); cold start with Xavier when absent */
  init?: GlobalParams;
  /** μ to start from on a warm start; the reference leaves μ at 0 unless given one */
  mu?: number;
  freezeRaters?: boolean;
  noteLossRatio?: number;
  rand: () => number;
}

/** Fits the model on the ratings in `subset`. */
export function fitSubset(d: Dataset, subset: Int32Array, opts: SubsetFitOptions): SubsetFit {
  const M = d.noteIds.length;
  const U = d.raterIds.length;
  const noteLocal = new Int32Array(M).fill(-1);
  const raterLocal = new Int32Array(U).fill(-1);
  for (const k of subset) {
    noteLocal[d.ratingNote[k] as number] = 0;
    raterLocal[d.ratingRater[k] as number] = 0;
  }
  // Local indices follow global (sorted-ID) order, so results do not depend on rating order.
  const notes = compact(noteLocal);
  const raters = compact(raterLocal);
  const n = subset.length;
  const data = {
    note: new Int32Array(n),
    rater: new Int32Array(n),
    y: new Float32Array(n),
    nNotes: notes.length,
    nRaters: raters.length,
  };
  for (let j = 0; j < n; j++) {
    const k = subset[j] as number;
    data.note[j] = noteLocal[d.ratingNote[k] as number] as number;
    data.rater[j] = raterLocal[d.ratingRater[k] as number] as number;
    data.y[j] = d.ratingValue[k] as number;
  }
  const start = (): MfParams => {
    const init = opts.init;
    if (!init) {
      // Reference order: rater factors are drawn before note factors; intercepts and μ start at 0.
      const raterFactor = xavierColumn(raters.length, opts.rand);
      const noteFactor = xavierColumn(notes.length, opts.rand);
      return {
        noteIntercept: new Float32Array(notes.length),
        noteFactor,
        raterIntercept: new Float32Array(raters.length),
        raterFactor,
        mu: 0,
      };
    }
    return {
      noteIntercept: gather(init.noteIntercept, notes),
      noteFactor: gather(init.noteFactor, notes),
      raterIntercept: gather(init.raterIntercept, raters),
      raterFactor: gather(init.raterFactor, raters),
      mu: opts.mu ?? 0,
    };
  };
  const local = fitMf(data, start(), {
    lr: opts.init ? 0.2 : 1.0,
    freezeRaters: opts.freezeRaters,
    noteLossRatio: opts.noteLossRatio,
    reinit: start,
  });
  return {
    params: scatterAll(local, notes, raters, M, U),
    numRatings: n,
    numNotes: notes.length,
    numRaters: raters.length,
    epochs: local.epochs,
    trainError: local.trainError,
    local,
    notes,
    raters,
  };
}

/** Re-maps global parameters after the local fit was changed in place (e.g. a sign flip). */
export function refreshGlobal(fit: SubsetFit, M: number, U: number): void {
  fit.params = scatterAll(fit.local, fit.notes, fit.raters, M, U);
}

function compact(marks: Int32Array): Int32Array {
  let count = 0;
  for (let i = 0; i < marks.length; i++) if (marks[i] === 0) marks[i] = count++;
  const back = new Int32Array(count);
  for (let i = 0; i < marks.length; i++) if ((marks[i] as number) >= 0) back[marks[i] as number] = i;
  return back;
}

function gather(values: Float32Array, index: Int32Array): Float32Array {
  const out = new Float32Array(index.length);
  for (let i = 0; i < index.length; i++) {
    const v = values[index[i] as number] as number;
    out[i] = Number.isNaN(v) ? 0 : v;
  }
  return out;
}

function scatter(values: Float32Array, index: Int32Array, size: number): Float32Array {
  const out = new Float32Array(size).fill(Number.NaN);
  for (let i = 0; i < index.length; i++) out[index[i] as number] = values[i] as number;
  return out;
}

function scatterAll(p: MfParams, notes: Int32Array, raters: Int32Array, M: number, U: number): GlobalParams {
  return {
    noteIntercept: scatter(p.noteIntercept, notes, M),
    noteFactor: scatter(p.noteFactor, notes, M),
    raterIntercept: scatter(p.raterIntercept, raters, U),
    raterFactor: scatter(p.raterFactor, raters, U),
    mu: p.mu,
  };
}
