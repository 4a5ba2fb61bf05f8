import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, RawClient, signed, sleep } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { holdTransaction, sharedPostgres } from '@lifeline/testkit/postgres';

// A regular event is delivered live before its write commits. A REQ that arrives between that
// delivery and the commit must still get it: its stored query cannot see the uncommitted row.
// The test holds the commit back for real: another session locks the feed table, which every
// write transaction appends to last.

const nodes: TestNode[] = [];
after(async () => {
  for (const n of nodes) await n.stop();
});

test('a REQ made while an accepted note waits for its commit gets the note, once', async () => {
  const databaseUrl = await (await sharedPostgres()).createDatabase('inflight');
  const node = await startTestNode({ databaseUrl });
  nodes.push(node);
  const author = keys();
  const note = signed(author, { content: 'delivered before its commit' });
  const pub = await RawClient.connect(node.url);
  const sub = await RawClient.connect(node.url);
  const held = await holdTransaction(databaseUrl, 'LOCK TABLE feed IN EXCLUSIVE MODE;');
  try {
    pub.send(['EVENT', note]);
    await sleep(500); // delivered early, its transaction now waiting for the feed table
    assert.equal(pub.received.filter((m) => m[0] === 'OK').length, 0, 'not committed yet');
    const { events } = await sub.req('s', { authors: [author.pk] });
    assert.deepEqual(events, [], 'the stored query cannot see it yet');
    await held.release();
    assert.equal((await pub.ok(note.id, 10_000))[2], true);
    const live = await sub.next((m) => m[0] === 'EVENT' && m[1] === 's', 5000);
    assert.equal((live[2] as NostrEvent).id, note.id);
    await sleep(500);
    assert.equal(sub.received.filter((m) => m[0] === 'EVENT').length, 0, 'once');
  } finally {
    await held.release().catch(() => undefined);
    await pub.close();
    await sub.close();
  }
});
