import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastStored, stored } from '@lifeline/store/testing';
import { fakeSigned, keys } from '@lifeline/testkit';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { openPostgresStore } from './index.js';

const T = 1_700_000_000;

// Two stores on one database stand for two node processes: what the database itself must keep
// right when their batches interleave.
test('two stores on one database: one copy per id, one version per address, tombstones shared', async () => {
  const url = await (await sharedPostgres()).createDatabase('shared');
  const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
  try {
    const author = keys();
    const notes = Array.from({ length: 300 }, (_, i) => fastStored(author, { created_at: T + i }));
    const [ra, rb] = await Promise.all([a.save(notes), b.save([...notes].reverse())]);
    const saved = [...ra, ...rb].filter((o) => o.status === 'saved').length;
    assert.equal(saved, 300, 'each event saved by exactly one of them');
    assert.equal(await a.count([{ kinds: [1] }]), 300);

    // Versions of one profile and one article race from both sides, in opposite orders.
    const profiles = Array.from({ length: 40 }, (_, i) => fastStored(author, { kind: 0, created_at: T + i }));
    const articles = Array.from({ length: 40 }, (_, i) =>
      fastStored(author, { kind: 30023, created_at: T + i, tags: [['d', 'report']] }),
    );
    await Promise.all([
      ...profiles.map((p, i) => (i % 2 ? a : b).save([p])),
      ...articles.map((p, i) => (i % 2 ? b : a).save([p])),
    ]);
    const kept = await b.query([{ kinds: [0, 30023], authors: [author.pk] }], { maxLimit: 100 });
    assert.deepEqual(
      kept.map((e) => e.event.id).sort(),
      [profiles[39]!.event.id, articles[39]!.event.id].sort(),
      'only the newest version of each address is left',
    );

    // A deletion committed through one is refused through the other.
    const target = notes[7]!;
    const request = stored(fakeSigned(author, { kind: 5, created_at: T + 1000, tags: [['e', target.event.id]] }));
    await a.save([request]);
    assert.equal(await a.applyDeletion(request.event), 1);
    assert.equal(await b.refuses(target.event), true);
    assert.deepEqual(await b.save([target]), [{ status: 'deleted' }]);
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});
