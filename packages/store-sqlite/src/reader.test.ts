import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { fastStored } from '@lifeline/store/testing';
import { keys } from '@lifeline/testkit';
import { initSchema } from './schema.js';
import { WriteEngine } from './write-engine.js';
import { Cancelled, Reader } from './reader.js';

const T = 1_700_000_000;

function reader(count: number): Reader {
  const db = new Database(':memory:');
  initSchema(db, 'NORMAL');
  const key = keys();
  const jsons = Array.from(
    { length: count },
    (_, i) => fastStored(key, { created_at: T + i, content: 'x'.repeat(100) }).json,
  );
  new WriteEngine(db).run([{ type: 'save', jsons }]);
  return new Reader(db);
}

test('a query checks for cancellation before each filter, and a fetch before each row', () => {
  const r = reader(50);
  let polls = 0;
  const budget = { maxBytes: Infinity, cancelled: () => ++polls > 2 };
  assert.throws(() => r.keys([{ limit: 1 }, { limit: 1 }, { limit: 1 }, { limit: 1 }], 100, T, budget), Cancelled);
  assert.equal(polls, 3, 'filters 1 and 2 ran, filter 3 did not');
  polls = 0;
  assert.throws(() => r.jsons([50, 49, 48, 47], T, () => ++polls > 2), Cancelled);
  assert.equal(polls, 3);
});

test('the byte budget keeps the newest events, the one that crosses it included', () => {
  const r = reader(200);
  const unbounded = { maxBytes: Infinity, cancelled: () => false };
  const size = r.keys([{ limit: 1 }], 500, T, unbounded).sizes[0]!;
  const budget = { maxBytes: size * 2.5, cancelled: () => false };
  assert.deepEqual(r.keys([{}], 500, T, budget).seqs, [200, 199, 198]);
  assert.deepEqual(
    r.keys([{ until: T + 150 }, { since: T + 198 }, { limit: 1 }], 500, T, budget).seqs,
    [200, 199, 151],
  );
  assert.equal(r.keys([{}], 500, T, unbounded).seqs.length, 200);
  assert.equal(r.jsons([200, 199, 151, 9999], T, () => false).length, 3, 'a missing rowid is skipped');
});
