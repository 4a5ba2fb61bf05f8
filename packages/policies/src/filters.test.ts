import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maxFilterValues, maxFilters } from './filters.js';

test('maxFilters allows exactly n filters', () => {
  const p = maxFilters(2);
  assert.equal(p([{}, {}], undefined), undefined);
  assert.equal(p([{}, {}, {}], undefined), 'invalid: too many filters (3, max 2)');
  assert.equal(p([], undefined), undefined);
});

test('maxFilterValues checks every array of every filter', () => {
  const p = maxFilterValues(2);
  assert.equal(p([{ kinds: [1, 2], authors: ['a', 'b'], '#t': ['x', 'y'] }], undefined), undefined);
  assert.equal(p([{ kinds: [1] }, { '#t': ['x', 'y', 'z'] }], undefined), 'invalid: too many values in #t (3, max 2)');
  assert.equal(p([{ ids: ['1', '2', '3'] }], undefined), 'invalid: too many values in ids (3, max 2)');
  assert.equal(p([{ limit: 1000, since: 5, search: 'long text' }], undefined), undefined, 'scalars are not counted');
});
