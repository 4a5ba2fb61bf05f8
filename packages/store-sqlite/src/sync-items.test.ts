import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { collectSyncItems } from '@lifeline/store';
import { NaiveStore, stored } from '@lifeline/store/testing';
import { fakeSigned, keys, seededRandom, tempDir } from '@lifeline/testkit';
import { openSqliteStore } from './index.js';

const dir = tempDir('lifeline-sync-items-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const hexIds = (ids: Uint8Array) =>
  Array.from({ length: ids.length / 32 }, (_, i) => Buffer.from(ids.subarray(i * 32, (i + 1) * 32)).toString('hex'));

test('NIP-77 sync records: (created_at, id) order with ties, filters, expiry, and the record cap, as the oracle', async () => {
  const rand = seededRandom(77);
  const [alice, bob] = [keys(), keys()];
  const now = Math.floor(Date.now() / 1000);
  const events = Array.from({ length: 400 }, (_, i) =>
    fakeSigned(i % 3 ? alice : bob, {
      kind: i % 5 === 0 ? 7 : 1,
      // Few distinct seconds, so many records tie on created_at and are ordered by id.
      created_at: now - 1000 + Math.floor(rand() * 40),
      content: `e${i}`,
      tags: i === 7 ? [['expiration', String(now - 10)]] : [],
    }),
  );
  const sqlite = await openSqliteStore({ path: join(dir, 'a.db'), synchronous: 'NORMAL' });
  const oracle = new NaiveStore();
  const rows = events.map(stored);
  await sqlite.save(rows);
  await oracle.save(rows);
  try {
    for (const filter of [{}, { kinds: [1] }, { authors: [bob.pk] }, { since: now - 990, until: now - 970 }]) {
      const got = await sqlite.syncItems([filter], { max: 1000 });
      const want = await collectSyncItems(oracle, [filter], { max: 1000 });
      assert.deepEqual(hexIds(got.ids), hexIds(want.ids), JSON.stringify(filter));
      assert.deepEqual(Array.from(got.timestamps), Array.from(want.timestamps));
      assert.equal(hexIds(got.ids).includes(events[7]!.id), false, 'expired events are not offered');
    }
    const capped = await sqlite.syncItems([{}], { max: 100 });
    assert.equal(capped.tooMany, true);
    assert.equal(capped.ids.length, 0);
  } finally {
    await sqlite.close();
  }
});
