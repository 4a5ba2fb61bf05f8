import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, nip86Call, RawClient, signed, waitFor } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { sharedPostgres } from '@lifeline/testkit/postgres';

// Two node processes' worth of nodes on one real PostgreSQL database (the test starts the server):
// a ban made through one is applied by the other, and the erasure is in the shared database.

test('a ban through one node is refused by another node sharing the PostgreSQL database', async () => {
  const admin = keys();
  const spammer = keys();
  const databaseUrl = await (await sharedPostgres()).createDatabase('nip86');
  const a = await startTestNode({ databaseUrl, admin: admin.pk });
  const b = await startTestNode({ databaseUrl, admin: admin.pk });
  const wsA = await RawClient.connect(a.url);
  const wsB = await RawClient.connect(b.url);
  try {
    const old = signed(spammer, { content: 'buy pills' });
    assert.equal((await wsB.publish(old))[2], true);
    const res = await nip86Call(a.httpUrl, admin, 'banpubkey', [spammer.pk, 'spam']);
    assert.deepEqual(await res.json(), { result: true });
    assert.equal((await wsB.req('gone', { authors: [spammer.pk] })).events.length, 0, 'erased from the shared store');
    assert.equal((await wsA.publish(signed(spammer, { content: 'again' })))[2], false);
    // B reads the lists again every 2 s.
    await waitFor(
      async () => (await wsB.publish(signed(spammer, { content: `probe ${Date.now()}` })))[2] === false,
      'B refuses the banned key',
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    const listed = await (await nip86Call(b.httpUrl, admin, 'listbannedpubkeys')).json();
    assert.deepEqual(listed, { result: [{ pubkey: spammer.pk, reason: 'spam' }] });
  } finally {
    await wsA.close();
    await wsB.close();
    await a.stop();
    await b.stop();
  }
});
