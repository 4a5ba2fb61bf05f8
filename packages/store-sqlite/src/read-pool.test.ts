import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StoredEvent } from '@lifeline/store';
import { fastStored } from '@lifeline/store/testing';
import { keys } from '@lifeline/testkit';
import { openSqliteStore, type SqliteStore, type SqliteStoreOptions } from './index.js';

const T = 1_700_000_000;
const dir = mkdtempSync(join(tmpdir(), 'lifeline-reads-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const key = keys();

/** A store over `count` stored posts of about `size` bytes each, newest last. */
async function storeWith(count: number, size: number, options: Partial<SqliteStoreOptions>): Promise<SqliteStore> {
  const store = await openSqliteStore({ path: join(dir, `r${n++}.db`), synchronous: 'NORMAL', ...options });
  const posts = Array.from({ length: count }, (_, i) =>
    fastStored(key, { created_at: T + i, content: `${i} ${'x'.repeat(size)}`, tags: [['t', 'x']] }),
  );
  await store.save(posts);
  return store;
}

const bytes = (chunk: StoredEvent[]) => chunk.reduce((sum, e) => sum + Buffer.byteLength(e.json), 0);
const ids = (events: StoredEvent[]) => events.map((e) => e.event.id);
const load = (store: SqliteStore, owner?: object) => {
  const { queued, running, started } = store.readStats(owner);
  return { queued, running, started };
};

test('chunks hold at most chunkBytes of JSON and chunkEvents events; a bigger event goes alone', async () => {
  const store = await storeWith(60, 700, { readThreads: 1, chunkBytes: 4096, chunkEvents: 5 });
  try {
    const big = fastStored(key, { created_at: T + 30, content: 'y'.repeat(9000) });
    await store.save([big]);
    const chunks: StoredEvent[][] = [];
    for await (const chunk of store.queryChunks([{ '#t': ['x'] }, { ids: [big.event.id] }], { maxLimit: 100 }))
      chunks.push(chunk);
    assert.deepEqual(ids(chunks.flat()), ids(await store.query([{}], { maxLimit: 100 })));
    assert.ok(
      chunks.some((c) => c.length === 1 && c[0]!.event.id === big.event.id),
      'the big event alone',
    );
    for (const [i, chunk] of chunks.entries()) {
      assert.ok(chunk.length <= 5, `chunk ${i}: ${chunk.length} events`);
      assert.ok(chunk.length === 1 || bytes(chunk) <= 4096, `chunk ${i}: ${bytes(chunk)} bytes`);
      const next = chunks[i + 1]?.[0];
      // Full: one more event would break a bound.
      if (next)
        assert.ok(chunk.length === 5 || bytes(chunk) + Buffer.byteLength(next.json) > 4096, `chunk ${i} is short`);
    }
  } finally {
    await store.close();
  }
});

test('a result stops at maxResultBytes, keeping the newest events, across filters too', async () => {
  const store = await storeWith(60, 700, { readThreads: 1, maxResultBytes: 10_000 });
  try {
    const all = await openSqliteStore({ path: store.path, readThreads: 0 }).then(async (s) => {
      const got = await s.query([{}], { maxLimit: 100 });
      await s.close();
      return got;
    });
    for (const filters of [[{}], [{ until: T + 40 }, { since: T + 45 }, { '#t': ['x'], limit: 3 }]]) {
      const got = await store.query(filters, { maxLimit: 100 });
      assert.deepEqual(ids(got), ids(all.slice(0, got.length)), 'a prefix of the newest-first order');
      assert.ok(
        bytes(got) >= 10_000 && bytes(got) - Buffer.byteLength(got.at(-1)!.json) < 10_000,
        `${bytes(got)} bytes`,
      );
    }
  } finally {
    await store.close();
  }
});

test('pull-based: a consumer that takes one chunk and waits leaves the threads idle', async () => {
  const store = await storeWith(100, 100, { readThreads: 2, chunkEvents: 10 });
  try {
    const it = store.queryChunks([{}], { maxLimit: 100 })[Symbol.asyncIterator]();
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 0 }, 'nothing runs before the first pull');
    assert.equal((await it.next()).value?.length, 10);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 1 });
    await sleep(300);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 1 }, 'no work while the consumer waits');
    const second = await it.next();
    assert.equal(second.value?.[0]?.event.created_at, T + 89);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 2 }, 'one job per pull');
    await it.return?.(undefined);
  } finally {
    await store.close();
  }
});

test('abort before start: a queued read is dropped and never reaches a thread', async () => {
  const store = await storeWith(50, 100, { readThreads: 1 });
  try {
    const running = store.query([{}], { maxLimit: 50 });
    const controller = new AbortController();
    const queued = [
      store.count([{}], { signal: controller.signal }),
      store.query([{}], { maxLimit: 5, signal: controller.signal }),
    ];
    assert.deepEqual(load(store), { queued: 2, running: 1, started: 1 });
    controller.abort();
    assert.deepEqual(load(store), { queued: 0, running: 1, started: 1 });
    for (const read of queued) await assert.rejects(read, { name: 'AbortError' });
    assert.equal((await running).length, 50);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 1 }, 'the aborted reads never ran');
  } finally {
    await store.close();
  }
});

test('abort mid-stream drops the remaining chunks; abort while running rejects at once', async () => {
  const store = await storeWith(100, 100, { readThreads: 1, chunkEvents: 10 });
  try {
    const controller = new AbortController();
    const reason = new Error('CLOSE');
    const seen: StoredEvent[][] = [];
    await assert.rejects(
      async () => {
        for await (const chunk of store.queryChunks([{}], { maxLimit: 100, signal: controller.signal })) {
          seen.push(chunk);
          if (seen.length === 2) controller.abort(reason);
        }
      },
      (e) => e === reason,
    );
    assert.equal(seen.length, 2);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 2 });

    const busy = new AbortController();
    const count = store.count([{ search: 'x' }, { '#t': ['x'] }], { signal: busy.signal });
    assert.equal(load(store).running, 1);
    busy.abort(reason);
    await assert.rejects(count, (e) => e === reason);
    for (let i = 0; i < 100 && load(store).running > 0; i++) await sleep(10);
    assert.equal(await store.count([{}]), 100, 'the thread serves the next read');
  } finally {
    await store.close();
  }
});

test('a consumer that breaks out after one chunk abandons the rest', async () => {
  const store = await storeWith(100, 100, { readThreads: 1, chunkEvents: 10 });
  try {
    for await (const chunk of store.queryChunks([{}], { maxLimit: 100 })) {
      assert.equal(chunk.length, 10);
      break;
    }
    await sleep(100);
    assert.deepEqual(load(store), { queued: 0, running: 0, started: 1 });
  } finally {
    await store.close();
  }
});

test('fair: one owner with a backlog delays another owner by at most one read', async () => {
  const store = await storeWith(200, 100, { readThreads: 1 });
  try {
    const busy = {};
    const other = {};
    const finished: string[] = [];
    const reads = Array.from({ length: 12 }, (_, i) =>
      store.query([{ '#t': ['x'] }], { maxLimit: 200, owner: busy }).then(() => finished.push(`busy${i}`)),
    );
    reads.push(store.count([{}], { owner: other }).then(() => finished.push('other')));
    assert.deepEqual(load(store, busy), { queued: 11, running: 1, started: 1 });
    assert.deepEqual(load(store, other), { queued: 1, running: 0, started: 1 });
    await Promise.all(reads);
    assert.ok(finished.indexOf('other') <= 2, finished.join(' '));
  } finally {
    await store.close();
  }
});

test('a reader thread that dies fails only its own read, and a fresh thread takes over', async () => {
  const store = await storeWith(20, 100, { readThreads: 1, readHeapMb: 16 });
  try {
    assert.equal(await store.count([{}]), 20);
    // Far beyond what the relay admits: copying this filter into the thread exhausts its heap.
    const huge = { '#t': Array.from({ length: 400_000 }, (_, i) => i.toString(16).padStart(64, '0')) };
    const [crashed, behind] = await Promise.allSettled([
      store.count([huge]),
      store.query([{ limit: 3 }], { maxLimit: 10, owner: {} }),
    ]);
    assert.equal(crashed.status, 'rejected');
    assert.match(String((crashed as PromiseRejectedResult).reason), /reader thread stopped/);
    assert.equal(behind.status === 'fulfilled' && behind.value.length, 3);
    assert.equal(store.readStats().threads, 1);
    assert.equal(await store.count([{}]), 20);
  } finally {
    await store.close();
  }
});

test('close() lets running reads finish, fails queued ones and later pulls, then stops the threads', async () => {
  const store = await storeWith(50, 100, { readThreads: 1, chunkEvents: 10 });
  const stream = store.queryChunks([{}], { maxLimit: 50 })[Symbol.asyncIterator]();
  assert.equal((await stream.next()).value?.length, 10);
  const running = store.count([{}]);
  const queued = Promise.allSettled([store.count([{}]), store.query([{}], { maxLimit: 5 })]);
  assert.equal(store.readStats().threads, 1);
  const closed = store.close();
  assert.equal(await running, 50);
  for (const read of await queued) assert.match(String(read.status === 'rejected' && read.reason), /store is closed/);
  await assert.rejects(stream.next(), /store is closed/);
  await closed;
  assert.deepEqual(store.readStats(), { threads: 0, queued: 0, running: 0, started: 2 });
  await assert.rejects(store.count([{}]), /store is closed/);
});

test("a reader thread's chunks carry each event's JSON as its own UTF-8 bytes, decoded only on demand", async () => {
  const store = await storeWith(3, 50_000, { readThreads: 1, chunkBytes: 120_000 });
  try {
    const persian = fastStored(key, {
      created_at: T + 10,
      content: `خبر فوری ${'ی'.repeat(9000)} ✓`,
      tags: [['t', 'x']],
    });
    await store.save([persian]);
    const chunks: StoredEvent[][] = [];
    for await (const chunk of store.queryChunks([{ '#t': ['x'] }], { maxLimit: 100 })) chunks.push(chunk);
    assert.ok(chunks.length >= 2, 'several chunks');
    const all = chunks.flat();
    assert.equal(all.length, 4);
    for (const e of all) {
      assert.ok(e.bytes, 'bytes present');
      assert.equal(Buffer.from(e.bytes.buffer, e.bytes.byteOffset, e.bytes.byteLength).toString('utf8'), e.json);
      assert.equal(JSON.stringify(e.event), e.json);
    }
    assert.equal(all[0]!.event.content, persian.event.content);
  } finally {
    await store.close();
  }
});
