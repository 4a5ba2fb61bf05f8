import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqliteStore } from '@lifeline/store-sqlite';
import { fakeEvent, tempDir } from '@lifeline/testkit';
import { readPaged } from './preload.js';

test('the start-up read pages past the store byte cap and reads every stored list once', async () => {
  const dir = tempDir();
  const store = await openSqliteStore({ path: join(dir, 'db'), readThreads: 0, maxResultBytes: 20_000 });
  try {
    // 300 follow lists of ~2 KB: one query would return only the newest ten or so. Several share a second.
    const lists = Array.from({ length: 300 }, (_, i) =>
      fakeEvent({
        id: `e${(i + 1).toString(16).padStart(63, '0')}`,
        pubkey: i.toString(16).padStart(64, '0'),
        kind: 3,
        created_at: 1_700_000_000 + Math.floor(i / 3),
        tags: Array.from({ length: 25 }, (_, j) => ['p', (i * 100 + j).toString(16).padStart(64, '0')]),
      }),
    );
    await store.save(lists.map((event) => ({ event, json: JSON.stringify(event) })));
    assert.ok((await store.query([{ kinds: [3] }], { maxLimit: 1000 })).length < 300, 'one query is cut short');
    const seen: string[] = [];
    const n = await readPaged(store, { kinds: [3] }, 10_000, (e) => seen.push(e.id));
    assert.equal(n, 300);
    assert.equal(new Set(seen).size, 300);
    const capped: string[] = [];
    assert.equal(await readPaged(store, { kinds: [3] }, 50, (e) => capped.push(e.id)), capped.length);
    assert.ok(capped.length >= 50 && capped.length < 300);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
