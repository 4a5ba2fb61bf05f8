import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { stored } from '@lifeline/store/testing';
import { fakeSigned, keys } from '@lifeline/testkit';
import { initSchema } from './schema.js';
import { WriteEngine } from './write-engine.js';

test('a failing op is rolled back alone; the rest of its batch commits', () => {
  const db = new Database(':memory:');
  initSchema(db, 'NORMAL');
  const engine = new WriteEngine(db);
  const key = keys();
  const a = stored(fakeSigned(key, { content: 'first' }));
  const b = stored(fakeSigned(key, { content: 'second' }));
  const results = engine.run([
    { type: 'save', jsons: [a.json] },
    { type: 'save', jsons: ['{not json'] },
    { type: 'save', jsons: [b.json] },
  ]);
  assert.deepEqual(
    results.map((r) => r.ok),
    [true, false, true],
  );
  assert.equal(db.prepare('SELECT count(*) FROM events').pluck().get(), 2);
  // The fast path (no savepoints) is used again for the next clean batch.
  const c = stored(fakeSigned(key, { content: 'third' }));
  assert.deepEqual(engine.run([{ type: 'save', jsons: [c.json] }]), [{ ok: true, value: [{ status: 'saved' }] }]);
  db.close();
});
