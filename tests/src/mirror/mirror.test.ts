import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { RelayLink } from '@lifeline/mirror';
import type { NostrEvent } from '@lifeline/nostr';
import { freePort, keys, signed, tempDir, waitFor } from '@lifeline/testkit';
import { spawnTestNode, startTestNode, type TestNode } from '@lifeline/testkit/node';

const alice = keys();
const now = () => Math.floor(Date.now() / 1000);

async function publish(url: string, event: NostrEvent) {
  const link = await RelayLink.open(url);
  try {
    const r = await link.publish(event);
    assert.equal(r.ok, true, r.message);
  } finally {
    link.close();
  }
}

async function remoteHas(url: string, id: string): Promise<boolean> {
  const link = await RelayLink.open(url).catch(() => undefined);
  if (!link) return false;
  try {
    return (await link.fetch([{ ids: [id] }])).length === 1;
  } finally {
    link.close();
  }
}

test('three nodes: mirrors follow live, deletions and requests to vanish propagate', async () => {
  const a = await startTestNode();
  const b = await startTestNode({ mirror: a.url, mirrorDirection: 'down' });
  const c = await startTestNode({ mirror: a.url, mirrorDirection: 'both' });
  try {
    const info = (await (await fetch(b.httpUrl, { headers: { accept: 'application/nostr+json' } })).json()) as {
      mirrors: string[];
      supported_nips: number[];
    };
    assert.deepEqual(info.mirrors, [a.url], 'NIP-11 lists the mirrors');
    assert.ok(info.supported_nips.includes(77));

    const first = signed(alice, { content: 'from the street' });
    const second = signed(alice, { content: 'second report' });
    await publish(a.url, first);
    await publish(a.url, second);
    for (const n of [b, c]) await waitFor(() => n.store.has(second.id), 'live mirroring', { timeoutMs: 10_000 });

    // C mirrors both ways: what is posted to C reaches A, and from A it reaches B.
    const viaC = signed(alice, { content: 'posted to c' });
    await publish(c.url, viaC);
    await waitFor(() => a.store.has(viaC.id), 'c -> a', { timeoutMs: 10_000 });
    await waitFor(() => b.store.has(viaC.id), 'a -> b', { timeoutMs: 10_000 });

    const deletion = signed(alice, { kind: 5, tags: [['e', first.id]] });
    await publish(a.url, deletion);
    for (const n of [a, b, c])
      await waitFor(async () => !(await n.store.has(first.id)), 'deletion everywhere', { timeoutMs: 10_000 });

    const vanish = signed(alice, { kind: 62, tags: [['relay', 'ALL_RELAYS']], content: '' });
    await publish(a.url, vanish);
    for (const n of [a, b, c])
      await waitFor(async () => !(await n.store.has(second.id)) && !(await n.store.has(viaC.id)), 'vanish everywhere', {
        timeoutMs: 10_000,
      });
    // A later full reconciliation brings nothing back.
    await b.close();
    const b2 = await startTestNode({ data: b.dataDir, mirror: a.url, mirrorDirection: 'both' });
    try {
      await new Promise((r) => setTimeout(r, 1500));
      for (const id of [first.id, second.id, viaC.id]) assert.equal(await b2.store.has(id), false);
      for (const id of [first.id, second.id, viaC.id]) assert.equal(await a.store.has(id), false);
    } finally {
      await b2.stop();
    }
  } finally {
    await Promise.all([c.stop(), a.stop()]);
  }
});

test('continuous mirroring survives a killed peer: restarted, it catches up both ways', async () => {
  const port = await freePort();
  const peerDir = tempDir();
  let peer = await spawnTestNode(peerDir, { port });
  const node: TestNode = await startTestNode({ mirror: peer.url, mirrorDirection: 'both', logLevel: 'silent' });
  try {
    const before = signed(alice, { content: 'before the raid' });
    await publish(node.url, before);
    await waitFor(() => remoteHas(peer.url, before.id), 'peer has the first note', { timeoutMs: 10_000 });

    peer.proc.kill('SIGKILL');
    await peer.exited;
    const during = Array.from({ length: 20 }, (_, i) =>
      signed(alice, { content: `during outage ${i}`, created_at: now() - i }),
    );
    for (const e of during) await publish(node.url, e);

    peer = await spawnTestNode(peerDir, { port });
    const fromPeer = signed(alice, { content: 'written on the peer after restart' });
    await publish(peer.url, fromPeer);
    for (const e of during)
      await waitFor(() => remoteHas(peer.url, e.id), 'the restarted peer catches up', { timeoutMs: 60_000 });
    await waitFor(() => node.store.has(fromPeer.id), 'the node gets what the peer had', { timeoutMs: 60_000 });
  } finally {
    await node.stop();
    peer.proc.kill('SIGTERM');
    await peer.exited;
  }
});

test('a node mirroring an unreachable peer starts, serves and stops promptly', async () => {
  const port = await freePort();
  const node = await startTestNode({ mirror: `ws://127.0.0.1:${port}` });
  const e = signed(alice, { content: 'alone' });
  await publish(node.url, e);
  await new Promise((r) => setTimeout(r, 2500)); // into the reconnect backoff
  const started = Date.now();
  await node.stop();
  assert.ok(Date.now() - started < 2000, `stopped in ${Date.now() - started} ms`);
});

test('a mirror that was down when a request to vanish was made erases the author at reconnect, for good', async () => {
  const origin = await startTestNode();
  const bob = keys();
  const posts = [
    signed(alice, { content: 'a report she later wants gone', created_at: now() - 60 }),
    signed(alice, { content: 'another one', created_at: now() - 30 }),
  ];
  const other = signed(bob, { content: 'bob stays' });
  for (const e of [...posts, other]) await publish(origin.url, e);
  // The mirror copies them when it first reconciles.
  const mirror = await startTestNode({ mirror: origin.url, mirrorDirection: 'both', logLevel: 'silent' });
  try {
    for (const e of [...posts, other])
      await waitFor(() => mirror.store.has(e.id), 'mirrored before the outage', { timeoutMs: 10_000 });
    await mirror.close();

    // While the mirror is away, alice asks every relay to forget her; only the origin hears it live.
    const vanish = signed(alice, { kind: 62, tags: [['relay', 'ALL_RELAYS']], content: 'forget me' });
    await publish(origin.url, vanish);
    for (const e of posts) assert.equal(await origin.store.has(e.id), false, 'the origin erased her');
    assert.equal(await origin.store.has(vanish.id), true, 'the origin keeps the request itself');

    // Back up with the same data: it still holds her posts, and reconciles both ways with the origin.
    const back = await startTestNode({
      data: mirror.dataDir,
      mirror: origin.url,
      mirrorDirection: 'both',
      logLevel: 'silent',
    });
    try {
      await waitFor(() => back.store.has(vanish.id), 'the request reached the mirror by reconciliation', {
        timeoutMs: 15_000,
      });
      for (const e of posts) assert.equal(await back.store.has(e.id), false, 'the mirror erased her posts');
      assert.equal(await back.store.has(other.id), true, "bob's post is untouched");
      // Nothing of hers comes back on either side: the mirror offered none, the origin refuses them.
      await new Promise((r) => setTimeout(r, 1500));
      for (const e of posts) {
        assert.equal(await origin.store.has(e.id), false);
        assert.equal(await back.store.has(e.id), false);
        assert.equal((await origin.relay.addEvent(e, { source: 'sync' })).ok, false, 'the origin refuses her old post');
        assert.equal((await back.relay.addEvent(e, { source: 'sync' })).ok, false, 'the mirror refuses it too');
      }
    } finally {
      await back.stop();
    }
  } finally {
    await origin.stop();
    rmSync(mirror.dataDir, { recursive: true, force: true });
  }
});
