import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideStatus, type NoteSignals, type SideStats } from './rules.js';

// Balanced support from both factor sides, so the net-helpful minimums do not interfere.
const balanced: SideStats = { negCount: 10, posCount: 10, negMean: 0.8, posMean: 0.8, netMin: 10, netMinRatio: 0.5 };
const note = (over: Partial<NoteSignals>): NoteSignals => ({
  numRatings: 20,
  intercept: 0,
  factor: 0,
  notMisleading: 0,
  sides: balanced,
  ...over,
});
// Intercepts reach the rules as float32 values, as in the reference.
const final = (over: Partial<NoteSignals>) => decideStatus(note(over), true);

test('CRH at an intercept of exactly 0.40 (compared in float32, as the reference does), not just below', () => {
  assert.equal(final({ intercept: Math.fround(0.4) }).status, 'CURRENTLY_RATED_HELPFUL');
  assert.equal(final({ intercept: Math.fround(0.4) }).rule, 'GENERAL_CRH');
  assert.equal(final({ intercept: 0.3999 }).status, 'NEEDS_MORE_RATINGS');
});

test('CRH needs five ratings and a note that calls the post misleading', () => {
  assert.equal(final({ intercept: 0.6, numRatings: 4 }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: 0.6, numRatings: 4 }).rule, 'INITIAL_NMR');
  assert.equal(final({ intercept: 0.6, notMisleading: 1 }).status, 'NEEDS_MORE_RATINGS');
});

test('inertia: a note already CRH keeps it down to 0.39, a new one does not', () => {
  const v = final({ intercept: 0.395, previous: 'CURRENTLY_RATED_HELPFUL' });
  assert.deepEqual([v.status, v.rule], ['CURRENTLY_RATED_HELPFUL', 'GENERAL_CRH_INERTIA']);
  assert.equal(final({ intercept: 0.395 }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: 0.395, previous: 'NEEDS_MORE_RATINGS' }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: 0.385, previous: 'CURRENTLY_RATED_HELPFUL' }).status, 'NEEDS_MORE_RATINGS');
  // Inertia belongs to the final round only.
  assert.equal(
    decideStatus(note({ intercept: 0.395, previous: 'CURRENTLY_RATED_HELPFUL' }), false).status,
    'NEEDS_MORE_RATINGS',
  );
});

test('CRNH diamond: intercept at or below −0.05 − 0.8·|factor|', () => {
  assert.equal(final({ intercept: Math.fround(-0.05) }).status, 'CURRENTLY_RATED_NOT_HELPFUL');
  assert.equal(final({ intercept: -0.049 }).status, 'NEEDS_MORE_RATINGS');
  // a large factor pushes the bar down: −0.05 − 0.8·0.5 = −0.45
  assert.equal(final({ intercept: -0.44, factor: -0.5 }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: -0.46, factor: 0.5 }).rule, 'GENERAL_CRNH');
  assert.equal(final({ intercept: -0.2, numRatings: 4 }).status, 'NEEDS_MORE_RATINGS');
});

test('a "not misleading" note below −0.15 is CRNH even with few ratings (as in the reference)', () => {
  const v = final({ intercept: -0.16, factor: 0.9, notMisleading: 1, numRatings: 3 });
  assert.deepEqual([v.status, v.rule], ['CURRENTLY_RATED_NOT_HELPFUL', 'NM_CRNH']);
  assert.equal(final({ intercept: -0.16, factor: 0.9, notMisleading: 0 }).status, 'NEEDS_MORE_RATINGS');
});

test('ratio CRNH: both factor sides mostly unhelpful, in the final round only', () => {
  const sides = { negCount: 3, posCount: 4, negMean: 0.4, posMean: 0.2, netMin: 0, netMinRatio: 0 };
  assert.equal(final({ intercept: 0.1, factor: 0.9, sides }).rule, 'RATIO_CRNH');
  assert.equal(final({ intercept: 0.1, factor: 0.9, sides: { ...sides, negCount: 2 } }).rule, 'LOW_INTERCEPT');
  assert.equal(final({ intercept: 0.1, factor: 0.9, sides: { ...sides, negMean: 0.41 } }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: 0.1, factor: 0.9, sides: { ...sides, posMean: 0.25 } }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(decideStatus(note({ intercept: 0.1, factor: 0.9, sides }), false).status, 'NEEDS_MORE_RATINGS');
});

test('a large factor withholds CRH', () => {
  const v = final({ intercept: 0.6, factor: 0.51 });
  assert.deepEqual([v.status, v.rule], ['NEEDS_MORE_RATINGS', 'LARGE_FACTOR']);
  assert.equal(final({ intercept: 0.6, factor: 0.5 }).status, 'CURRENTLY_RATED_HELPFUL');
});

test('firm reject below 0.30 leaves CRNH alone', () => {
  assert.equal(final({ intercept: 0.29 }).rule, 'LOW_INTERCEPT');
  assert.equal(final({ intercept: Math.fround(0.3) }).rule, 'INITIAL_NMR');
  assert.equal(final({ intercept: -0.3 }).rule, 'GENERAL_CRNH');
});

test('net-helpful minimums: fewer than 4 net helpful on the weaker side, or under 5% between 4 and 10', () => {
  const side = (netMin: number, netMinRatio: number) => ({ ...balanced, netMin, netMinRatio });
  assert.equal(final({ intercept: 0.6, sides: side(3, 0.5) }).rule, 'NET_HELPFUL_MIN');
  assert.equal(final({ intercept: 0.6, sides: side(3, 0.5) }).status, 'NEEDS_MORE_RATINGS');
  assert.equal(final({ intercept: 0.6, sides: side(4, 0.5) }).status, 'CURRENTLY_RATED_HELPFUL');
  assert.equal(final({ intercept: 0.6, sides: side(5, 0.04) }).rule, 'NET_HELPFUL_RATIO');
  assert.equal(final({ intercept: 0.6, sides: side(10, 0.04) }).status, 'CURRENTLY_RATED_HELPFUL');
  assert.equal(final({ intercept: 0.6, sides: undefined }).rule, 'NET_HELPFUL_MIN');
});

test('a note the model never fitted has no status beyond NMR', () => {
  assert.equal(final({ intercept: Number.NaN, factor: Number.NaN, notMisleading: 1 }).rule, 'INITIAL_NMR');
});
