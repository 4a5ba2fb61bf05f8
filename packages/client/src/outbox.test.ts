import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort, keys, signed, waitFor } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { createRelayPool } from './pool.js';
import { createOutbox } from './outbox.js';
import { memoryStore } from './memory-store.test-helper.js';
import type { WebSocketConstructor } from './relay-connection.js';
import type { SignedEvent } from './types.js';

const WS = WebSocket as unknown as WebSocketConstructor;

test('an event sent while no relay is reachable survives a reload and is delivered once a node starts', async () => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const store = memoryStore();
  const alice = keys();
  const event = signed(alice, { content: 'posted offline' }) as SignedEvent;

  // First session: the relay is down.
  const pool1 = createRelayPool({ relays: [url], WebSocket: WS, connectTimeoutMs: 1000 });
  const outbox1 = createOutbox({ store, pool: pool1, publishTimeoutMs: 1500 });
  const first = await outbox1.send(event);
  assert.equal(first.delivered, false);
  assert.equal(first.results[url]?.ok, false);
  assert.equal((await outbox1.pending()).length, 1);
  pool1.close();

  // "Reload": a new pool and outbox over the same storage.
  const pool2 = createRelayPool({
    relays: [url],
    WebSocket: WS,
    connectTimeoutMs: 1000,
    backoffBaseMs: 100,
    backoffMaxMs: 200,
  });
  const outbox2 = createOutbox({ store, pool: pool2, retryMs: 150, publishTimeoutMs: 1500 });
  assert.deepEqual(
    (await outbox2.pending()).map((e) => e.event.id),
    [event.id],
  );
  const changes: boolean[] = [];
  outbox2.onChange((e) => changes.push(e.delivered));
  outbox2.start();
  const node = await startTestNode({ port });
  try {
    await waitFor(async () => (await outbox2.pending()).length === 0, 'the outbox to empty', {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    assert.equal(changes.at(-1), true);
    const [done] = outbox2.recent();
    assert.equal(done?.event.id, event.id);
    assert.equal(done?.results[url]?.ok, true);
    assert.deepEqual(await store.keys(), []);
    const onNode = await pool2.query([{ ids: [event.id] }], { timeoutMs: 3000 });
    assert.equal(onNode[0]?.content, 'posted offline');
  } finally {
    outbox2.stop();
    pool2.close();
    await node.stop();
  }
});

test('delivered to one relay is enough; per-relay results are kept; a duplicate counts as delivered', async () => {
  const node = await startTestNode();
  const dead = `ws://127.0.0.1:${await freePort()}`;
  const pool = createRelayPool({ relays: [node.url, dead], WebSocket: WS, connectTimeoutMs: 1000 });
  const store = memoryStore();
  const outbox = createOutbox({ store, pool, publishTimeoutMs: 2000 });
  try {
    const event = signed(keys()) as SignedEvent;
    const entry = await outbox.send(event);
    assert.equal(entry.delivered, true);
    assert.equal(Object.values(entry.results).filter((r) => r.ok).length, 1);
    assert.equal(Object.values(entry.results).filter((r) => !r.ok).length, 1);
    assert.deepEqual(await outbox.pending(), []);
    assert.equal((await outbox.send(event)).delivered, true, 'sending again is harmless');
  } finally {
    pool.close();
    await node.stop();
  }
});

test('a relay refusing for good marks the entry rejected and it is not retried', async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.on('listening', r));
  let received = 0;
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as [string, SignedEvent];
      if (msg[0] !== 'EVENT') return;
      received++;
      ws.send(JSON.stringify(['OK', msg[1].id, false, 'blocked: not here']));
    }),
  );
  const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  const pool = createRelayPool({ relays: [url], WebSocket: WS });
  const outbox = createOutbox({ store: memoryStore(), pool });
  try {
    const entry = await outbox.send(signed(keys()) as SignedEvent);
    assert.equal(entry.rejected, true);
    assert.equal(entry.results[url]?.message, 'blocked: not here');
    await outbox.flush();
    assert.equal(received, 1);
    const [p] = await outbox.pending();
    assert.equal(p?.rejected, true);
    await outbox.remove(p!.event.id);
    assert.deepEqual(await outbox.pending(), []);
  } finally {
    pool.close();
    wss.close();
  }
});

test('a forged event is refused, and a corrupted stored entry is dropped, never published', async () => {
  const pool = createRelayPool({ relays: [], WebSocket: WS });
  const store = memoryStore();
  const outbox = createOutbox({ store, pool });
  const e = signed(keys()) as SignedEvent;
  await assert.rejects(outbox.send({ ...e, content: 'forged' }), /signature/);
  await store.set(`outbox:${e.id}`, JSON.stringify({ event: { ...e, content: 'tampered on disk' } }));
  await store.set('outbox:junk', '{not json');
  assert.deepEqual(await outbox.pending(), []);
  assert.deepEqual(await store.keys(), []);
  pool.close();
});
