import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryCost } from './query-cost.js';

test('a query costs 1 per filter, 1 per 100 of its limit and 1 per search word', () => {
  assert.equal(queryCost([{ kinds: [1], limit: 50 }], 500), 2);
  assert.equal(queryCost([{ kinds: [1], limit: 0 }], 500), 1);
  assert.equal(queryCost([{ kinds: [1] }], 500), 6, 'no limit costs the relay maximum');
  assert.equal(queryCost([{ kinds: [1], limit: 100_000 }], 500), 6, 'limits are clamped first');
  assert.equal(
    queryCost(
      Array.from({ length: 10 }, () => ({ '#t': ['x'], limit: 500 })),
      500,
    ),
    60,
  );
  assert.equal(queryCost([{ search: 'آزادی میدان azadi', limit: 20 }], 500), 5);
});
