import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventStore } from '@lifeline/store';
import { runStoreContract, stored } from '@lifeline/store/testing';
import { fakeSigned, keys, signed, sleep, tempDir } from '@lifeline/testkit';
import { type SqliteStore, openSqliteStore, type SqliteStoreOptions } from './index.js';

const dir = tempDir('lifeline-sqlite-');
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => openSqliteStore({ path: join(dir, `t${n++}.db`), synchronous: 'NORMAL' });

/** The contract over stores opened with `options`, reopened with the same options. */
function contract(name: string, options: Partial<SqliteStoreOptions>): void {
  runStoreContract(
    name,
    () => openSqliteStore({ path: join(dir, `t${n++}.db`), synchronous: 'NORMAL', ...options }),
    (closed: EventStore) => openSqliteStore({ path: (closed as SqliteStore).path, ...options }),
  );
}
contract('sqlite', {});
// Two reader threads and tiny chunks, so nearly every query crosses threads in several pulls.
contract('sqlite, 2 reader threads, small chunks', { readThreads: 2, chunkBytes: 2048, chunkEvents: 7 });
contract('sqlite, reads on the main thread', { readThreads: 0 });

/** The database and its WAL as raw bytes. */
function fileBytes(path: string): Buffer {
  const parts = [readFileSync(path)];
  if (existsSync(`${path}-wal`)) parts.push(readFileSync(`${path}-wal`));
  return Buffer.concat(parts);
}

test('secure delete: a deleted post leaves no trace in the database file', async () => {
  const store = await fresh();
  const key = keys();
  const secret = 'witnessname8831';
  const filler = Array.from({ length: 300 }, (_, i) =>
    stored(fakeSigned(key, { created_at: 1_700_000_000 + i, content: `ordinary post ${i}`, tags: [['t', 'news']] })),
  );
  const post = stored(
    signed(key, {
      created_at: 1_700_000_500,
      content: `I saw it from the roof ${secret} near Azadi`,
      tags: [['t', `tag${secret}`]],
    }),
  );
  await store.save([...filler.slice(0, 150), post, ...filler.slice(150)]);
  await store.close();
  assert.ok(fileBytes(store.path).includes(secret), 'the probe is visible before deletion');

  const reopened = await openSqliteStore({ path: store.path });
  const request = stored(signed(key, { kind: 5, created_at: 1_700_000_600, tags: [['e', post.event.id]] }));
  assert.equal(await reopened.applyDeletion(request.event), 1);
  assert.equal(await reopened.count([{ search: secret }]), 0);
  assert.equal(await reopened.count([{ search: 'ordinary' }]), 300);
  await reopened.close();
  const bytes = fileBytes(store.path);
  assert.equal(bytes.includes(secret), false, 'secret still present in the file');
  assert.equal(bytes.includes(post.event.id), false, 'json (hex id) still present');
  // Only the 32-byte id survives, in the NIP-09 tombstone that refuses re-publication.
});

test('lists longer than the inline limit are passed as JSON', async () => {
  const store = await fresh();
  try {
    const key = keys();
    const events = Array.from({ length: 300 }, (_, i) => stored(fakeSigned(key, { created_at: 1_700_000_000 + i })));
    await store.save(events);
    const ids = events.map((e) => e.event.id);
    const got = await store.query([{ ids, kinds: Array.from({ length: 300 }, () => 1) }], { maxLimit: 1000 });
    assert.equal(got.length, 300);
    assert.equal(await store.count([{ '#x': ids }, { authors: Array(250).fill(key.pk) as string[] }]), 300);
  } finally {
    await store.close();
  }
});

test('has() after a restart: stored ids from the start-up scan, new ones without the index', async () => {
  const key = keys();
  const events = Array.from({ length: 45_000 }, (_, i) =>
    stored(fakeSigned(key, { created_at: 1_700_000_000 + i, content: `post ${i}` })),
  );
  const first = await fresh();
  await first.save(events);
  await first.close();
  const store = (await openSqliteStore({ path: first.path })) as SqliteStore;
  try {
    // Answers are right while the filter is still being filled (more than two scan pages)...
    assert.equal(await store.has(events[44_999]!.event.id), true);
    for (let i = 0; i < 200 && !store.idFilterReady; i++) await sleep(25);
    assert.equal(store.idFilterReady, true);
    // ...and after: every stored id, and nothing else.
    for (const e of events) assert.equal(await store.has(e.event.id), true);
    const later = stored(fakeSigned(key, { created_at: 1_800_000_000, content: 'new' }));
    assert.equal(await store.has(later.event.id), false);
    await store.save([later]);
    assert.equal(await store.has(later.event.id), true, 'ids saved after start-up are added by the writer');
  } finally {
    await store.close();
  }
});
