import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, RawClient, signed, tempDir, waitFor } from '@lifeline/testkit';
import { spawnTestNode, startTestNode, type TestNode } from '@lifeline/testkit/node';
import { sharedPostgres } from '@lifeline/testkit/postgres';

// Live fan-out across node processes sharing one PostgreSQL database (store-postgres/feed.ts).
const overrides = {
  connectionBurst: 1_000_000,
  connectionMessagesPerSecond: 1_000_000,
  pubkeyBurst: 1_000_000,
  pubkeyEventsPerMinute: 1_000_000,
  verifyThreads: 1,
};
const T = Math.floor(Date.now() / 1000) - 3600;

/** The events received so far for `subId`, in arrival order (left in `received`). */
function live(client: RawClient, subId: string): NostrEvent[] {
  return client.received.filter((m) => m[0] === 'EVENT' && m[1] === subId).map((m) => m[2] as NostrEvent);
}

/** Notes by a few authors, created_at strictly increasing, so `since` can resume after any of them. */
function notes(n: number, start = 0): NostrEvent[] {
  const authors = Array.from({ length: 4 }, () => keys());
  return Array.from({ length: n }, (_, i) =>
    signed(authors[i % authors.length]!, { created_at: T + start + i, content: `fan-out ${start + i}` }),
  );
}

describe('live fan-out across processes on one database', () => {
  const nodes: TestNode[] = [];
  const clients: RawClient[] = [];
  after(async () => {
    for (const c of clients) await c.close();
    for (const n of nodes) await n.stop();
  });

  test('500 events published on A reach subscribers on B once and in order, and A once', async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('fanout');
    const a = await startTestNode({ ...overrides, databaseUrl });
    const b = await startTestNode({ ...overrides, databaseUrl });
    nodes.push(a, b);
    const [pub, onA, onB] = await Promise.all([
      RawClient.connect(a.url),
      RawClient.connect(a.url),
      RawClient.connect(b.url),
    ]);
    clients.push(pub, onA, onB);
    for (const c of [onA, onB]) {
      c.send(['REQ', 'live', { kinds: [1], since: T }]);
      await c.next((m) => m[0] === 'EOSE');
    }
    const events = notes(500);
    // Sent without waiting for each OK: A commits them in batches, as under load.
    for (const e of events) pub.send(['EVENT', e]);
    for (const e of events) assert.equal((await pub.ok(e.id, 20_000))[2], true);
    await waitFor(() => live(onB, 'live').length >= 500, '500 events on B', { timeoutMs: 20_000 });
    await waitFor(() => live(onA, 'live').length >= 500, '500 events on A', { timeoutMs: 20_000 });
    // Anything duplicated would arrive within the feed's poll interval.
    await new Promise((r) => setTimeout(r, 2500));
    const wanted = events.map((e) => e.id);
    assert.deepEqual(
      live(onB, 'live').map((e) => e.id),
      wanted,
    );
    assert.deepEqual(
      live(onA, 'live').map((e) => e.id),
      wanted,
      'the accepting process delivers its own events once (the feed skips them)',
    );
  });

  test('a deletion accepted on A is delivered on B, B no longer serves the note and refuses it', async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('fanout');
    const a = await startTestNode({ ...overrides, databaseUrl });
    const b = await startTestNode({ ...overrides, databaseUrl });
    nodes.push(a, b);
    const [pub, onB] = await Promise.all([RawClient.connect(a.url), RawClient.connect(b.url)]);
    clients.push(pub, onB);
    const author = keys();
    const note = signed(author, { content: 'to be withdrawn' });
    onB.send(['REQ', 'live', { authors: [author.pk] }]);
    await onB.next((m) => m[0] === 'EOSE');
    assert.equal((await pub.publish(note))[2], true);
    await waitFor(() => live(onB, 'live').length === 1, 'the note on B');
    const deletion = signed(author, { kind: 5, tags: [['e', note.id]] });
    assert.equal((await pub.publish(deletion))[2], true);
    await waitFor(() => live(onB, 'live').length === 2, 'the deletion on B');
    assert.equal(live(onB, 'live')[1]!.id, deletion.id);
    assert.deepEqual((await onB.req('gone', { ids: [note.id] })).events, []);
    const again = await onB.publish(note);
    assert.equal(again[2], false);
    assert.match(String(again[3]), /^blocked:/);
  });

  test("a request to vanish accepted on A reaches B's subscribers and B's onStored listeners (caches)", async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('fanout');
    const a = await startTestNode({ ...overrides, databaseUrl });
    const b = await startTestNode({ ...overrides, databaseUrl });
    nodes.push(a, b);
    const seenOnB: NostrEvent[] = [];
    b.relay.onStored((e) => seenOnB.push(e));
    const [pub, onB] = await Promise.all([RawClient.connect(a.url), RawClient.connect(b.url)]);
    clients.push(pub, onB);
    const author = keys();
    const note = signed(author, { content: 'soon gone', created_at: T });
    assert.equal((await pub.publish(note))[2], true);
    onB.send(['REQ', 'live', { kinds: [62] }]);
    await onB.next((m) => m[0] === 'EOSE');
    const vanish = signed(author, { kind: 62, tags: [['relay', 'ALL_RELAYS']] });
    assert.equal((await pub.publish(vanish))[2], true);
    await waitFor(() => live(onB, 'live').length === 1, 'the request on B');
    assert.equal(live(onB, 'live')[0]!.id, vanish.id);
    await waitFor(() => seenOnB.some((e) => e.id === vanish.id), "B's onStored sees the request");
    assert.ok(
      seenOnB.some((e) => e.id === note.id),
      "B's onStored saw the note first",
    );
    assert.ok(
      seenOnB.findIndex((e) => e.id === note.id) < seenOnB.findIndex((e) => e.id === vanish.id),
      'in commit order',
    );
    // Only the request itself is left (kept so mirrors that were away learn of it).
    assert.deepEqual(
      (await onB.req('gone', { authors: [author.pk] })).events.map((e) => (e as NostrEvent).id),
      [vanish.id],
    );
  });
});

describe('a process killed and restarted', () => {
  const children = new Set<ChildProcess>();
  after(() => {
    for (const c of children) c.kill('SIGKILL');
  });

  test('a subscriber on the restarted process that resubscribes with since misses nothing', async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('fanout');
    const spawn = async () => {
      const n = await spawnTestNode(tempDir(), { ...overrides, databaseUrl });
      children.add(n.proc);
      return n;
    };
    const [a, b] = await Promise.all([spawn(), spawn()]);
    const pub = await RawClient.connect(a.url);
    let sub = await RawClient.connect(b.url);
    sub.send(['REQ', 's', { kinds: [1], since: T }]);
    await sub.next((m) => m[0] === 'EOSE');
    const events = notes(300);
    const got: NostrEvent[] = [];
    // Published one by one on A while B is killed after 100 and restarted.
    const publishing = (async () => {
      for (const e of events) {
        assert.equal((await pub.publish(e, 20_000))[2], true);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await waitFor(() => live(sub, 's').length >= 100, '100 events on B', { timeoutMs: 20_000 });
    b.proc.kill('SIGKILL');
    await b.exited;
    got.push(...live(sub, 's'));
    sub.closed || (await sub.close().catch(() => undefined));
    const b2 = await spawn();
    sub = await RawClient.connect(b2.url);
    const last = got[got.length - 1]!;
    sub.send(['REQ', 's', { kinds: [1], since: last.created_at }]);
    await publishing;
    await waitFor(
      () => new Set([...got, ...live(sub, 's')].map((e) => e.id)).size === 300,
      'all 300 across the restart',
      { timeoutMs: 20_000 },
    );
    const after = live(sub, 's').filter((e) => e.id !== last.id);
    // Stored ones come newest first until EOSE, then live ones in order; together, no gap.
    assert.deepEqual(
      [...got.map((e) => e.id), ...after.map((e) => e.id)].sort(),
      events.map((e) => e.id).sort(),
      'every event exactly once',
    );
    await pub.close();
    await sub.close();
    for (const c of children) c.kill('SIGTERM');
  });
});
