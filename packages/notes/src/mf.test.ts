import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitMf, flipForIdentification, type MfData, type MfParams } from './mf.js';
import { mulberry32, xavierColumn } from './rng.js';

/** Ratings drawn from known parameters: 60 raters in two camps, 40 notes, everyone rates everything. */
function planted(copies = 1): MfData {
  const rand = mulberry32(9);
  const U = 60;
  const M = 40;
  const camp = Array.from({ length: U }, (_, u) => (u < 35 ? -1 : 1));
  const slant = Array.from({ length: M }, (_, n) => (n % 3 === 0 ? 0 : n % 3 === 1 ? 0.7 : -0.7));
  const one: [number, number, number][] = [];
  for (let u = 0; u < U; u++) {
    for (let n = 0; n < M; n++) {
      const p = 0.4 + 0.2 * ((n % 5) / 4) + (camp[u] as number) * (slant[n] as number) * 0.5 + 0.1 * (rand() - 0.5);
      one.push([n, u, p > 0.6 ? 1 : p > 0.35 ? 0.5 : 0]);
    }
  }
  const all = Array.from({ length: copies }, () => one).flat();
  const note = all.map((r) => r[0]);
  const rater = all.map((r) => r[1]);
  const y = all.map((r) => r[2]);
  return { note: Int32Array.from(note), rater: Int32Array.from(rater), y: Float32Array.from(y), nNotes: M, nRaters: U };
}

function cold(d: MfData, seed = 1): MfParams {
  const rand = mulberry32(seed);
  const raterFactor = xavierColumn(d.nRaters, rand);
  return {
    raterFactor,
    noteFactor: xavierColumn(d.nNotes, rand),
    noteIntercept: new Float32Array(d.nNotes),
    raterIntercept: new Float32Array(d.nRaters),
    mu: 0,
  };
}

const fit = (d: MfData, init = cold(d)) => fitMf(d, init, { lr: 1, reinit: () => cold(d) });

test('the fit learns the planted camps: rater factors split by camp, slanted notes get large factors', () => {
  const d = planted();
  const f = fit(d);
  flipForIdentification(f);
  for (let u = 0; u < 35; u++) assert.ok((f.raterFactor[u] as number) < 0, `rater ${u}`);
  for (let u = 35; u < 60; u++) assert.ok((f.raterFactor[u] as number) > 0, `rater ${u}`);
  for (let n = 0; n < 40; n++) {
    const big = Math.abs(f.noteFactor[n] as number) > 0.3;
    assert.equal(big, n % 3 !== 0, `note ${n} factor ${f.noteFactor[n]}`);
  }
  assert.ok(f.trainError < 0.03, `train error ${f.trainError}`);
  // The reference stops on "epoch > 100 and the loss went up" or |Δloss| ≤ 1e-7; never runs away.
  assert.ok(f.epochs > 10 && f.epochs < 5000, `${f.epochs} epochs`);
});

test('sign identification puts the larger group of raters on the negative side', () => {
  const d = planted();
  const f = fit(d);
  const before = Array.from(f.raterFactor);
  const flipped = flipForIdentification(f);
  const negative = Array.from(f.raterFactor).filter((x) => x < 0).length;
  assert.ok(negative >= 30);
  if (flipped)
    assert.deepEqual(
      Array.from(f.raterFactor),
      before.map((x) => -x),
    );
  assert.equal(flipForIdentification(f), false);
});

test('mean-based regularisation: duplicating every rating leaves the optimum where it was', () => {
  // With the code's loss (means over ratings and over parameters), doubling the data changes
  // nothing; with the docs' summed penalty the intercepts would shrink half as much.
  const once = fit(planted(1));
  const twice = fit(planted(2));
  for (let n = 0; n < 40; n++) {
    assert.ok(Math.abs((once.noteIntercept[n] as number) - (twice.noteIntercept[n] as number)) < 0.02, `note ${n}`);
  }
});

test('the same seed gives bit-identical parameters; a warm start with the fitted values barely moves', () => {
  const d = planted();
  const a = fit(d);
  const b = fit(d);
  assert.deepEqual(a.noteIntercept, b.noteIntercept);
  const warm = fitMf(d, a, { lr: 0.2, reinit: () => a });
  for (let n = 0; n < 40; n++)
    assert.ok(Math.abs((warm.noteIntercept[n] as number) - (a.noteIntercept[n] as number)) < 0.02);
});

test('frozen raters and μ: only note parameters change', () => {
  const d = planted();
  const a = fit(d);
  const start = { ...a, noteIntercept: new Float32Array(40), noteFactor: new Float32Array(40) };
  const f = fitMf(d, start, { lr: 0.2, freezeRaters: true, noteLossRatio: d.y.length / 40, reinit: () => start });
  assert.deepEqual(f.raterIntercept, a.raterIntercept);
  assert.deepEqual(f.raterFactor, a.raterFactor);
  assert.equal(f.mu, a.mu);
  for (let n = 0; n < 40; n++)
    assert.ok(Math.abs((f.noteIntercept[n] as number) - (a.noteIntercept[n] as number)) < 0.03, `note ${n}`);
});

test('a NaN loss re-initialises instead of returning NaN parameters', () => {
  const d = planted();
  const bad = cold(d);
  bad.noteIntercept[0] = Number.NaN;
  const f = fitMf(d, bad, { lr: 1, reinit: () => cold(d, 2) });
  assert.ok(f.noteIntercept.every((x) => Number.isFinite(x)));
});
