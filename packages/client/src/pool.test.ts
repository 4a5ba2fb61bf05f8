import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { freePort, keys, signed, sleep } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { createRelayPool, normalizeRelayUrls } from './pool.js';
import type { WebSocketConstructor } from './relay-connection.js';
import type { SignedEvent } from './types.js';

const WS = WebSocket as unknown as WebSocketConstructor;
let a: TestNode;
let b: TestNode;
let deadUrl: string;
let silentUrl: string;
let silent: Server;
const silentSockets: Socket[] = [];

before(async () => {
  [a, b] = await Promise.all([startTestNode(), startTestNode()]);
  deadUrl = `ws://127.0.0.1:${await freePort()}`;
  // Accepts TCP connections and never answers the WebSocket handshake.
  silent = createServer((sock) => silentSockets.push(sock));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentUrl = `ws://127.0.0.1:${(silent.address() as { port: number }).port}`;
});

after(async () => {
  for (const s of silentSockets) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await Promise.all([a.stop(), b.stop()]);
});

test('publish reports each relay; query returns within its timeout despite a dead and a silent relay', async () => {
  const alice = keys();
  const pool = createRelayPool({ relays: [a.url, b.url, deadUrl, silentUrl], WebSocket: WS, connectTimeoutMs: 1000 });
  try {
    const onlyA = signed(alice, { content: 'only on A' }) as SignedEvent;
    const both = signed(alice, { content: 'on both', created_at: onlyA.created_at + 1 }) as SignedEvent;
    const [resA] = await pool.publish(onlyA, [a.url]);
    assert.equal(resA?.ok, true, resA?.message);

    const started = Date.now();
    const results = await pool.publish(both, undefined, { timeoutMs: 2500 });
    assert.ok(Date.now() - started < 3500);
    const byUrl = Object.fromEntries(results.map((r) => [r.url, r]));
    const [ua, ub, ud, us] = normalizeRelayUrls([a.url, b.url, deadUrl, silentUrl]);
    assert.equal(byUrl[ua!]?.ok, true);
    assert.equal(byUrl[ub!]?.ok, true);
    assert.equal(byUrl[ud!]?.ok, false);
    assert.equal(byUrl[us!]?.ok, false);
    assert.match(byUrl[us!]!.message, /timed out/);

    const t0 = Date.now();
    const events = await pool.query([{ authors: [alice.pk], kinds: [1] }], { timeoutMs: 3000 });
    const took = Date.now() - t0;
    assert.ok(took < 3500, `query took ${took} ms`);
    assert.deepEqual(
      events.map((e) => e.content),
      ['on both', 'only on A'],
      'deduplicated, newest first',
    );
    const report = await pool.queryReport([{ authors: [alice.pk] }], { timeoutMs: 3000 });
    assert.deepEqual(report.answered.sort(), [ua, ub].sort());
    assert.deepEqual(report.failed.sort(), [ud, us].sort());

    const states = Object.fromEntries(pool.status().map((s) => [s.url, s.state]));
    assert.equal(states[ua!], 'open');
    assert.equal(states[ud!], 'backoff');
    assert.equal(states[us!], 'backoff');

    // In backoff the dead relays are skipped at once: the query ends with the live relays' EOSE.
    const t1 = Date.now();
    assert.equal((await pool.query([{ authors: [alice.pk] }], { timeoutMs: 3000 })).length, 2);
    assert.ok(Date.now() - t1 < 1000, 'relays in backoff do not stall the query');
  } finally {
    pool.close();
  }
});

test('a relay sending forged or unrequested events is ignored; the valid copy from another relay is kept', async () => {
  const alice = keys();
  const real = signed(alice, { content: 'real' }) as SignedEvent;
  const forged = { ...real, content: 'forged words' };
  const unrelated = signed(keys(), { content: 'not asked for' });
  const evil = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => evil.on('listening', r));
  evil.on('connection', (ws) =>
    ws.on('message', (data) => {
      const [type, id] = JSON.parse(String(data)) as [string, string];
      if (type !== 'REQ') return;
      ws.send(JSON.stringify(['EVENT', id, forged]));
      ws.send(JSON.stringify(['EVENT', id, unrelated]));
      ws.send('not json');
      ws.send(JSON.stringify(['EVENT', id, { ...real, sig: '00'.repeat(64) }]));
      ws.send(JSON.stringify(['EOSE', id]));
    }),
  );
  const evilUrl = `ws://127.0.0.1:${(evil.address() as { port: number }).port}`;
  const pool = createRelayPool({ relays: [evilUrl, a.url], WebSocket: WS });
  try {
    assert.equal((await pool.publish(real, [a.url]))[0]?.ok, true);
    const onlyEvil = await pool.query([{ authors: [alice.pk] }], { relays: [evilUrl], timeoutMs: 2000 });
    assert.deepEqual(onlyEvil, []);
    const events = await pool.query([{ authors: [alice.pk] }], { timeoutMs: 2000 });
    assert.deepEqual(
      events.map((e) => e.content),
      ['real'],
    );
  } finally {
    pool.close();
    evil.close();
  }
});

test('a relay that completes the handshake but never answers a REQ cannot stall a query', async () => {
  const mute = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => mute.on('listening', r));
  const muteUrl = `ws://127.0.0.1:${(mute.address() as { port: number }).port}`;
  const alice = keys();
  const pool = createRelayPool({ relays: [a.url, muteUrl], WebSocket: WS });
  try {
    await pool.publish(signed(alice, { content: 'here' }) as SignedEvent, [a.url]);
    const t0 = Date.now();
    const report = await pool.queryReport([{ authors: [alice.pk] }], { timeoutMs: 1000 });
    const took = Date.now() - t0;
    assert.ok(took >= 900 && took < 2000, `took ${took} ms`);
    assert.deepEqual(
      report.events.map((e) => e.content),
      ['here'],
    );
    assert.deepEqual(report.failed, normalizeRelayUrls([muteUrl]));
  } finally {
    pool.close();
    mute.close();
  }
});

test('subscribe delivers live events once across relays and signals EOSE once', async () => {
  const alice = keys();
  const old = signed(alice, { content: 'stored' }) as SignedEvent;
  const pool = createRelayPool({ relays: [a.url, b.url, deadUrl], WebSocket: WS, connectTimeoutMs: 1000 });
  try {
    await pool.publish(old, [a.url, b.url]);
    const got: string[] = [];
    let eoses = 0;
    const eosed = new Promise<void>((resolve) => {
      const sub = pool.subscribe([{ authors: [alice.pk] }], (e) => got.push(e.content), {
        onEose: () => {
          eoses++;
          resolve();
        },
      });
      after(() => sub.close());
    });
    await eosed;
    assert.deepEqual(got, ['stored']);
    const live = signed(alice, { kind: 1, created_at: old.created_at + 1, tags: [], content: 'live' });
    await pool.publish(live, [a.url]);
    await pool.publish(live, [b.url]);
    const until = Date.now() + 3000;
    while (got.length < 2 && Date.now() < until) await sleep(20);
    await sleep(200);
    assert.deepEqual(got, ['stored', 'live']);
    assert.equal(eoses, 1);
  } finally {
    pool.close();
  }
});

test('a live subscription reconnects after its relay restarts', async () => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  let node = await startTestNode({ port });
  const alice = keys();
  const pool = createRelayPool({
    relays: [url],
    WebSocket: WS,
    connectTimeoutMs: 1000,
    backoffBaseMs: 100,
    backoffMaxMs: 300,
  });
  const got: string[] = [];
  try {
    await new Promise<void>((resolve) =>
      pool.subscribe([{ authors: [alice.pk] }], (e) => got.push(e.content), { onEose: resolve }),
    );
    await node.stop();
    node = await startTestNode({ port });
    // Wait for the pool to reconnect, then publish directly through a second pool.
    const until = Date.now() + 10_000;
    while (pool.status()[0]?.state !== 'open' && Date.now() < until) await sleep(50);
    assert.equal(pool.status()[0]?.state, 'open');
    const other = createRelayPool({ relays: [url], WebSocket: WS });
    await other.publish(signed(alice, { content: 'after restart' }) as SignedEvent);
    other.close();
    const until2 = Date.now() + 3000;
    while (got.length === 0 && Date.now() < until2) await sleep(20);
    assert.deepEqual(got, ['after restart']);
  } finally {
    pool.close();
    await node.stop();
  }
});

test('without a WebSocket option the global one is used, or a clear error given', () => {
  const g = globalThis as { WebSocket?: unknown };
  const saved = g.WebSocket;
  try {
    g.WebSocket = undefined;
    assert.throws(() => createRelayPool({ relays: [a.url] }), /No WebSocket implementation/);
    g.WebSocket = WebSocket;
    createRelayPool({ relays: [a.url] }).close();
  } finally {
    g.WebSocket = saved;
  }
});

test('after a reconnect a live subscription asks only for events since the newest it saw', async () => {
  const alice = keys();
  const seen = signed(alice, { content: 'seen', created_at: 5000 }) as SignedEvent;
  const reqs: Array<Record<string, unknown>> = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.on('listening', r));
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const [type, id, filter] = JSON.parse(String(data)) as [string, string, Record<string, unknown>];
      if (type !== 'REQ') return;
      reqs.push(filter);
      if (reqs.length === 1) {
        ws.send(JSON.stringify(['EVENT', id, seen]));
        ws.send(JSON.stringify(['EOSE', id]));
        setTimeout(() => ws.terminate(), 50);
      }
    }),
  );
  const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  const pool = createRelayPool({ relays: [url], WebSocket: WS, backoffBaseMs: 50 });
  try {
    const sub = pool.subscribe([{ authors: [alice.pk], limit: 20 }], () => {});
    const until = Date.now() + 5000;
    while (reqs.length < 2 && Date.now() < until) await sleep(20);
    sub.close();
    assert.deepEqual(reqs[0], { authors: [alice.pk], limit: 20 });
    assert.deepEqual(reqs[1], { authors: [alice.pk], limit: 20, since: 5000 - 60 });
  } finally {
    pool.close();
    wss.close();
  }
});

test('retryNow skips a long backoff once the relay is back', async () => {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}`;
  const pool = createRelayPool({ relays: [url], WebSocket: WS, backoffBaseMs: 60_000 });
  let node: TestNode | undefined;
  try {
    pool.subscribe([{ kinds: [1] }], () => {});
    const until = Date.now() + 3000;
    while (pool.status()[0]?.state !== 'backoff' && Date.now() < until) await sleep(20);
    assert.equal(pool.status()[0]?.state, 'backoff');
    node = await startTestNode({ port });
    pool.retryNow();
    const until2 = Date.now() + 3000;
    while (pool.status()[0]?.state !== 'open' && Date.now() < until2) await sleep(20);
    assert.equal(pool.status()[0]?.state, 'open');
  } finally {
    pool.close();
    await node?.stop();
  }
});

test('a closed pool refuses new work with a clear error', async () => {
  const pool = createRelayPool({ relays: [a.url], WebSocket: WS });
  pool.close();
  await assert.rejects(pool.query([{}]), /closed/);
  assert.throws(() => pool.subscribe([{}], () => {}), /closed/);
});

test('count (NIP-45): the largest answer across relays; a relay that ignores COUNT stops being waited on', async () => {
  const author = keys();
  const liker = () => keys();
  const note = signed(author, { content: 'count me' }) as SignedEvent;
  const likes = Array.from({ length: 3 }, () => signed(liker(), { kind: 7, content: '+', tags: [['e', note.id]] }));
  // A relay that accepts the WebSocket and answers nothing at all (no NIP-45, not even a NOTICE).
  const mute = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => mute.once('listening', r));
  const muteUrl = `ws://127.0.0.1:${(mute.address() as { port: number }).port}`;
  const pool = createRelayPool({ relays: [a.url, b.url, deadUrl], WebSocket: WS, connectTimeoutMs: 1000 });
  try {
    await pool.publish(note, [a.url, b.url]);
    for (const like of likes) await pool.publish(like as SignedEvent, [a.url]);
    await pool.publish(likes[0] as SignedEvent, [b.url]);
    const filter = { kinds: [7], '#e': [note.id] };
    assert.equal(await pool.count([filter]), 3, 'A has three, B one: relays overlap, so the largest');
    assert.equal(await pool.count([filter], { relays: [b.url] }), 1);
    assert.equal(await pool.count([filter], { relays: [deadUrl] }), undefined);
    const t0 = Date.now();
    assert.equal(await pool.count([filter], { relays: [muteUrl], timeoutMs: 200 }), undefined);
    assert.equal(await pool.count([filter], { relays: [muteUrl], timeoutMs: 200 }), undefined);
    assert.ok(Date.now() - t0 >= 380, 'the first two silences are waited for');
    const t1 = Date.now();
    assert.equal(await pool.count([filter], { relays: [muteUrl, a.url], timeoutMs: 2000 }), 3);
    assert.ok(Date.now() - t1 < 1000, 'then the silent relay is no longer waited on');
  } finally {
    pool.close();
    for (const c of mute.clients) c.terminate();
    await new Promise<void>((r) => mute.close(() => r()));
  }
});
