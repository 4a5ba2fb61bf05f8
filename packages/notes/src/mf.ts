// The core model's matrix factorisation, r̂ = μ + i_u + i_n + f_u·f_n, fitted the way the reference
// (scoring/src/scoring/matrix_factorization/) fits it: full-batch Adam on the mean squared error plus
// a regulariser averaged over parameters (not summed), gradient norm clipped to 1, stopping when the
// loss moves by at most 1e-7 or, after epoch 100, goes up. Parameters and optimiser state are kept
// in float32 like the reference's tensors; sums are taken in float64 and the loss is rounded to
// float32 before the stopping test, because that rounding is what makes the reference stop.

/** Ratings in local indices: rating k is rater[k]'s value y[k] on note[k]. */
export interface MfData {
  note: Int32Array;
  rater: Int32Array;
  y: Float32Array;
  nNotes: number;
  nRaters: number;
}

/** The model's parameters; arrays are indexed by local note / rater index. */
export interface MfParams {
  noteIntercept: Float32Array;
  noteFactor: Float32Array;
  raterIntercept: Float32Array;
  raterFactor: Float32Array;
  mu: number;
}

/** How one fit runs. */
export interface MfOptions {
  /** 1.0 for a cold start, 0.2 when warm-started (the reference's two rates). */
  lr: number;
  /** Final round: rater parameters and μ are fixed, only note parameters learn. */
  freezeRaters?: boolean;
  /**
   * Final round: note regularisation is λ·Σp² / (N / ratio) instead of λ·mean(p²), holding the
   * per-note penalty at the prescoring ratings-per-note however few notes are rescored.
   */
  noteLossRatio?: number;
  /** Called if the loss becomes NaN, to re-initialise as the reference does. */
  reinit: () => MfParams;
  /** A safety stop the reference does not have; it never triggers on ordinary data. */
  maxEpochs?: number;
}

/** The fitted parameters and how the fit went. */
export interface MfFit extends MfParams {
  epochs: number;
  /** regularised loss at the end */
  loss: number;
  /** unregularised mean squared error at the end */
  trainError: number;
}

/** The reference's regularisation weights: factors 0.03, intercepts and μ 0.15 (5 × 0.03). */
export const LAMBDA = { raterFactor: 0.03, noteFactor: 0.03, raterIntercept: 0.15, noteIntercept: 0.15, mu: 0.15 };

const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-8;
const CONVERGENCE = 1e-7;
const MAX_NORM = 1.0;

/** Fits the model from `init` (copied, never modified) and returns the fitted parameters. */
export function fitMf(data: MfData, init: MfParams, opts: MfOptions): MfFit {
  const M = data.nNotes;
  const U = data.nRaters;
  const N = data.y.length;
  // One packed vector: [i_n (M), f_n (M), i_u (U), f_u (U), μ]. Frozen fits train only the first 2M.
  const size = 2 * M + 2 * U + 1;
  const p = new Float32Array(size);
  const load = (from: MfParams) => {
    p.set(from.noteIntercept, 0);
    p.set(from.noteFactor, M);
    p.set(from.raterIntercept, 2 * M);
    p.set(from.raterFactor, 2 * M + U);
    p[size - 1] = from.mu;
  };
  load(init);
  const trainable = opts.freezeRaters ? 2 * M : size;
  const g = new Float64Array(size);
  let m = new Float32Array(trainable);
  let v = new Float32Array(trainable);
  let step = 0;

  const noteScale = opts.noteLossRatio === undefined ? 1 / M : opts.noteLossRatio / N;
  const evaluate = (withGrad: boolean): { loss: number; mse: number } => {
    if (withGrad) g.fill(0);
    const mu = p[size - 1] as number;
    const rOff = 2 * M;
    const fOff = 2 * M + U;
    let sse = 0;
    const twoOverN = 2 / N;
    for (let k = 0; k < N; k++) {
      const n = data.note[k] as number;
      const u = data.rater[k] as number;
      const fn = p[M + n] as number;
      const fu = p[fOff + u] as number;
      const e = mu + (p[rOff + u] as number) + (p[n] as number) + fu * fn - (data.y[k] as number);
      sse += e * e;
      if (withGrad) {
        const r = twoOverN * e;
        g[n] = (g[n] as number) + r;
        g[M + n] = (g[M + n] as number) + r * fu;
        g[rOff + u] = (g[rOff + u] as number) + r;
        g[fOff + u] = (g[fOff + u] as number) + r * fn;
        g[size - 1] = (g[size - 1] as number) + r;
      }
    }
    let regNi = 0;
    let regNf = 0;
    for (let n = 0; n < M; n++) {
      const a = p[n] as number;
      const b = p[M + n] as number;
      regNi += a * a;
      regNf += b * b;
      if (withGrad) {
        g[n] = (g[n] as number) + 2 * LAMBDA.noteIntercept * a * noteScale;
        g[M + n] = (g[M + n] as number) + 2 * LAMBDA.noteFactor * b * noteScale;
      }
    }
    let regRi = 0;
    let regRf = 0;
    for (let u = 0; u < U; u++) {
      const a = p[rOff + u] as number;
      const b = p[fOff + u] as number;
      regRi += a * a;
      regRf += b * b;
      if (withGrad) {
        g[rOff + u] = (g[rOff + u] as number) + (2 * LAMBDA.raterIntercept * a) / U;
        g[fOff + u] = (g[fOff + u] as number) + (2 * LAMBDA.raterFactor * b) / U;
      }
    }
    if (withGrad) g[size - 1] = (g[size - 1] as number) + 2 * LAMBDA.mu * mu;
    const mse = sse / N;
    const loss =
      mse +
      (LAMBDA.raterFactor * regRf) / U +
      (LAMBDA.raterIntercept * regRi) / U +
      LAMBDA.noteFactor * regNf * noteScale +
      LAMBDA.noteIntercept * regNi * noteScale +
      LAMBDA.mu * mu * mu;
    return { loss: Math.fround(loss), mse: Math.fround(mse) };
  };

  const lossWithRecovery = (): number => {
    let { loss } = evaluate(true);
    if (Number.isNaN(loss)) {
      load(opts.reinit());
      m = new Float32Array(trainable);
      v = new Float32Array(trainable);
      step = 0;
      loss = evaluate(true).loss;
    }
    return loss;
  };

  const maxEpochs = opts.maxEpochs ?? 100_000;
  let prev = 1e10;
  let loss = lossWithRecovery();
  let epoch = 0;
  while (Math.abs(loss - prev) > CONVERGENCE && !(epoch > 100 && loss > prev) && epoch < maxEpochs) {
    prev = loss;
    // torch.nn.utils.clip_grad_norm_ over the trainable parameters only (frozen ones have no grad).
    let sq = 0;
    for (let i = 0; i < trainable; i++) sq += (g[i] as number) * (g[i] as number);
    const coef = Math.min(1, MAX_NORM / (Math.sqrt(sq) + 1e-6));
    step++;
    const bc1 = 1 - BETA1 ** step;
    const bc2Sqrt = Math.sqrt(1 - BETA2 ** step);
    const stepSize = opts.lr / bc1;
    for (let i = 0; i < trainable; i++) {
      const gi = Math.fround((g[i] as number) * coef);
      const mi = Math.fround(BETA1 * (m[i] as number) + (1 - BETA1) * gi);
      const vi = Math.fround(BETA2 * (v[i] as number) + (1 - BETA2) * gi * gi);
      m[i] = mi;
      v[i] = vi;
      p[i] = (p[i] as number) - (stepSize * mi) / (Math.sqrt(vi) / bc2Sqrt + EPS);
    }
    loss = lossWithRecovery();
    epoch++;
  }
  const { mse } = evaluate(false);
  return {
    noteIntercept: p.slice(0, M),
    noteFactor: p.slice(M, 2 * M),
    raterIntercept: p.slice(2 * M, 2 * M + U),
    raterFactor: p.slice(2 * M + U, 2 * M + 2 * U),
    mu: p[size - 1] as number,
    epochs: epoch,
    loss,
    trainError: mse,
  };
}

/**
 * Sign identification: if fewer than half of the non-zero rater factors are negative, flip every
 * rater and note factor so the larger group of raters sits on the negative side. The reference does
 * this after prescoring fits only.
 */
export function flipForIdentification(fit: MfParams): boolean {
  let neg = 0;
  let nonZero = 0;
  for (const f of fit.raterFactor) {
    if (f < 0) neg++;
    if (f !== 0) nonZero++;
  }
  if (!(neg / nonZero < 0.5)) return false;
  for (let i = 0; i < fit.raterFactor.length; i++) fit.raterFactor[i] = -(fit.raterFactor[i] as number);
  for (let i = 0; i < fit.noteFactor.length; i++) fit.noteFactor[i] = -(fit.noteFactor[i] as number);
  return true;
}
