import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WebSocketServer, WebSocket } from 'ws';
import { RelayLink, storeSide, syncWithRelay } from '@lifeline/mirror';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

// Two real nodes on ephemeral ports; A syncs with B over NIP-77 (and through a proxy that hides it).
let a: TestNode;
let b: TestNode;
before(async () => {
  [a, b] = await Promise.all([startTestNode(), startTestNode()]);
});
after(async () => {
  await Promise.all([a.stop(), b.stop()]);
});

const alice = keys();
const now = Math.floor(Date.now() / 1000);
const note = (i: number, kind = 1) => signed(alice, { kind, content: `note ${i}`, created_at: now - 1000 + i });

async function add(node: TestNode, events: NostrEvent[]) {
  for (const e of events) assert.equal((await node.relay.addEvent(e, { source: 'import' })).ok, true);
}
const has = (node: TestNode, id: string) => node.store.has(id);

async function syncAB(options: Parameters<typeof syncWithRelay>[2] = {}, url = b.url) {
  const link = await RelayLink.open(url);
  try {
    return await syncWithRelay(storeSide(a.store, a.relay.addEvent), link, options);
  } finally {
    link.close();
  }
}

test('sync both ways with a filter: each side gets what it lacked, nothing outside the filter moves', async () => {
  const shared = [note(1), note(2)];
  const onlyA = [note(3), note(4), note(5)];
  const onlyB = [note(6), note(7)];
  const reactionB = note(8, 7);
  await add(a, [...shared, ...onlyA]);
  await add(b, [...shared, ...onlyB, reactionB]);
  const dry = await syncAB({ filter: { kinds: [1] }, dryRun: true });
  assert.equal(dry.method, 'negentropy');
  assert.deepEqual([dry.have, dry.need, dry.downloaded, dry.uploaded], [3, 2, 0, 0]);
  assert.equal(await has(a, onlyB[0]!.id), false, 'a dry run copies nothing');

  const r = await syncAB({ filter: { kinds: [1] }, direction: 'both' });
  assert.deepEqual([r.have, r.need, r.downloaded, r.uploaded], [3, 2, 2, 3]);
  assert.ok(r.bytesUp > 0 && r.bytesDown > 0);
  for (const e of [...shared, ...onlyA, ...onlyB]) {
    assert.equal(await has(a, e.id), true);
    assert.equal(await has(b, e.id), true);
  }
  assert.equal(await has(a, reactionB.id), false, 'kind 7 is outside the filter');
  const again = await syncAB({ filter: { kinds: [1] } });
  assert.deepEqual([again.have, again.need], [0, 0]);
});

test('direction down only fetches; up only sends', async () => {
  const x = note(20);
  const y = note(21);
  await add(a, [x]);
  await add(b, [y]);
  const down = await syncAB({ direction: 'down' });
  assert.equal(await has(a, y.id), true);
  assert.equal(await has(b, x.id), false);
  assert.equal(down.uploaded, 0);
  await syncAB({ direction: 'up' });
  assert.equal(await has(b, x.id), true);
});

test('a deletion propagates and the deleted event is never resurrected by the peer', async () => {
  const victim = note(30);
  await add(a, [victim]);
  await add(b, [victim]);
  const deletion = signed(alice, { kind: 5, tags: [['e', victim.id]], created_at: now });
  await add(a, [deletion]);
  assert.equal(await has(a, victim.id), false);
  const r = await syncAB({ direction: 'both' });
  // B still held the victim and offered it: A refused it by its tombstone; B took the deletion.
  assert.ok(r.refused >= 1);
  assert.equal(await has(a, victim.id), false, 'not resurrected on A');
  assert.equal(await has(b, victim.id), false, 'deleted on B');
  assert.equal(await has(b, deletion.id), true);
});

test('a relay without NIP-77 is synced by REQ paging', async () => {
  // A real node behind a proxy that answers NEG-* the way relays lacking NIP-77 do (a NOTICE).
  const proxy = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((r) => proxy.once('listening', r));
  proxy.on('connection', (client) => {
    const upstream = new WebSocket(b.url);
    const queued: string[] = [];
    upstream.on('open', () => {
      for (const m of queued.splice(0)) upstream.send(m);
    });
    upstream.on('message', (d) => client.send(d.toString()));
    client.on('message', (d) => {
      const text = d.toString();
      if (text.startsWith('["NEG-')) return client.send(JSON.stringify(['NOTICE', 'unknown message type']));
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else queued.push(text);
    });
    client.on('close', () => upstream.close());
  });
  try {
    const many = Array.from({ length: 600 }, (_, i) =>
      signed(alice, { content: `paged ${i}`, created_at: now - 5000 + Math.floor(i / 3) }),
    );
    await add(b, many);
    const { port } = proxy.address() as { port: number };
    const r = await syncAB({ direction: 'down', filter: { kinds: [1] } }, `ws://127.0.0.1:${port}`);
    assert.equal(r.method, 'req');
    assert.ok(r.need >= 600);
    for (const e of many) assert.equal(await has(a, e.id), true);
  } finally {
    proxy.close();
  }
});
