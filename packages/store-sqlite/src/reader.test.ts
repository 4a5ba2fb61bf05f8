import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { fixtures } from '@lifeline/store/testing';
import { initSchema } from './schema.js';
import { WriteEngine } from './write-engine.js';
import { Cancelled, Reader } from './reader.js';

const T = 1_700_000_000;

function reader(count: number): Reader {
  const db = new Database(':memory:');
  initSchema(db, 'NORMAL');
  const key = fixtures.newKey();
  const jsons = Array.from({ length: count }, (_, i) => fixtures.makeFast(key, { created_at: T + i, content: 'x'.repeat(100) }).json);
  new WriteEngine(db).run([{ type: 'save', jsons }]);
  return new Reader(db);
}

test('a query polls for cancellation between filters and rows, and stops when told', () => {
  const r = reader(50);
  let polls = 0;
  const budget = { maxBytes: Infinity, cancelled: () => ++polls > 3 };
  assert.throws(() => r.keys([{ limit: 1 }, { limit: 1 }, { limit: 1 }, { limit: 1 }], 100, T, budget), Cancelled);
  assert.equal(polls, 4, 'before filter 1, its row, filter 2, its row: stopped there');
  polls = 0;
  assert.throws(() => r.keys([{}], 100, T, { maxBytes: Infinity, cancelled: () => ++polls > 10 }), Cancelled);
  assert.equal(polls, 11, 'rows stop as soon as the flag is seen');
  assert.throws(() => r.jsons([1, 2, 3], T, () => true), Cancelled);
});

test('rows stop once the byte budget is reached: the statement is not read to its end', () => {
  const r = reader(200);
  let polls = 0;
  const size = r.keys([{ limit: 1 }], 500, T, { maxBytes: Infinity, cancelled: () => false }).sizes[0]!;
  const keys = r.keys([{}], 500, T, { maxBytes: size * 3, cancelled: () => (polls++, false) });
  assert.equal(keys.seqs.length, 3);
  assert.deepEqual(keys.seqs, [200, 199, 198]);
  assert.ok(polls <= 5, `${polls} polls for 3 rows`);
  assert.equal(r.jsons(keys.seqs, T, () => false).length, 3);
});
