import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NostrEvent } from '@lifeline/nostr';
import { freePort, keys, RawClient, signed } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { sharedPostgres, type TestReplica } from '@lifeline/testkit/postgres';

// --database-read-url against a real streaming replica (pg_basebackup -R of the test server,
// a second cluster on its own port) that is kept 1.5 s behind: reads that can go to it do, and a
// client reading right after its own write, or right after seeing an event live, still finds it.

/** store-postgres's ReadRouting: where the node's stored queries went. */
type Routing = { replica: number; primary: number; waited: number };
const routing = (node: TestNode) => (node.store as unknown as { readRouting(): Routing }).readRouting();

describe('stored queries on a read replica', () => {
  let replica: TestReplica;
  let a: TestNode;
  let b: TestNode;
  const clients: RawClient[] = [];
  before(async () => {
    const pg = await sharedPostgres();
    const databaseUrl = await pg.createDatabase('replica');
    replica = await pg.startReplica({ applyDelayMs: 1500 });
    const databaseReadUrl = replica.url(new URL(databaseUrl).pathname.slice(1));
    a = await startTestNode({ databaseUrl, databaseReadUrl });
    b = await startTestNode({ databaseUrl, databaseReadUrl });
  });
  after(async () => {
    for (const c of clients) await c.close();
    await a?.stop();
    await b?.stop();
    await replica?.stop();
  });

  test('once the replica has replayed a write, queries for it are served by the replica', async () => {
    const ws = await RawClient.connect(a.url);
    clients.push(ws);
    const author = keys();
    const note = signed(author, { content: 'replicated' });
    assert.equal((await ws.publish(note))[2], true);
    await replica.caughtUp();
    const before = routing(a);
    const { events } = await ws.req('r', { authors: [author.pk] });
    assert.deepEqual(
      events.map((e) => e.id),
      [note.id],
    );
    const after = routing(a);
    assert.equal(after.replica + after.waited - before.replica - before.waited, 1, JSON.stringify({ before, after }));
    assert.equal(after.primary, before.primary);
  });

  test('a client reading right after its own OK sees its write, though the replica is 1.5 s behind', async () => {
    const ws = await RawClient.connect(a.url);
    clients.push(ws);
    const author = keys();
    for (let i = 0; i < 3; i++) {
      const note = signed(author, { content: `mine ${i}` });
      const before = routing(a);
      assert.equal((await ws.publish(note))[2], true);
      const { events } = await ws.req(`own-${i}`, { authors: [author.pk] });
      assert.ok(
        events.some((e) => e.id === note.id),
        `read ${i} after OK sees the note`,
      );
      const count = await new Promise<unknown[]>((resolve) => {
        ws.send(['COUNT', `c-${i}`, { authors: [author.pk] }]);
        void ws.next((m) => m[0] === 'COUNT' && m[1] === `c-${i}`).then(resolve);
      });
      assert.deepEqual(count[2], { count: i + 1 });
      const after = routing(a);
      assert.equal(after.primary - before.primary, 2, 'the lagging replica was passed over for the primary');
    }
  });

  test('a client that saw an event live on another process finds it there at once', async () => {
    const [pub, sub] = await Promise.all([RawClient.connect(a.url), RawClient.connect(b.url)]);
    clients.push(pub, sub);
    const author = keys();
    sub.send(['REQ', 'live', { authors: [author.pk] }]);
    await sub.next((m) => m[0] === 'EOSE');
    const note = signed(author, { content: 'seen live on b' });
    assert.equal((await pub.publish(note))[2], true);
    const live = await sub.next((m) => m[0] === 'EVENT' && m[1] === 'live');
    assert.equal((live[2] as NostrEvent).id, note.id);
    const { events } = await sub.req('again', { ids: [note.id] });
    assert.deepEqual(
      events.map((e) => e.id),
      [note.id],
    );
  });
});

describe('--database-read-url that cannot be used', () => {
  test('without --database-url it is refused with a clear error', async () => {
    await assert.rejects(
      startTestNode({ databaseReadUrl: 'postgres://x@127.0.0.1:1/db' }),
      /--database-read-url needs --database-url/,
    );
  });

  test('an unreachable replica fails the start, naming --database-read-url', async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase('replica_bad');
    const port = await freePort();
    await assert.rejects(
      startTestNode({ databaseUrl, databaseReadUrl: `postgres://lifeline@127.0.0.1:${port}/nothing` }),
      /--database-read-url/,
    );
  });
});
