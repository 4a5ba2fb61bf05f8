import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Negentropy, NegentropyStorage, negPayloadBytes } from '@lifeline/nostr';
import { RawClient, keys, signed } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

// The relay's NIP-77 verbs as a raw client sees them: answers, limits and refusals.
let node: TestNode;
const alice = keys();
const stored = Array.from({ length: 12 }, (_, i) => signed(alice, { content: `n${i}`, created_at: 1_700_000_000 + i }));
before(async () => {
  node = await startTestNode({ negentropyMaxSessions: 2, negentropyMaxRecords: 10, negentropyIdleSeconds: 1 });
  for (const e of stored) await node.relay.addEvent(e, { source: 'import' });
});
after(() => node.stop());

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const emptyInitial = () => hex(new Negentropy(NegentropyStorage.fromItems([])).initiate());
const negFor = (subId: string) => (m: unknown[]) => (m[0] === 'NEG-MSG' || m[0] === 'NEG-ERR') && m[1] === subId;

test('NEG-OPEN answers with NEG-MSG; an initiator learns exactly the stored ids of the filter', async () => {
  const c = await RawClient.connect(node.url);
  const ours = new Negentropy(NegentropyStorage.fromItems([]));
  c.send(['NEG-OPEN', 'n1', { kinds: [1], until: 1_700_000_004 }, hex(ours.initiate())]);
  const reply = await c.next(negFor('n1'));
  assert.equal(reply[0], 'NEG-MSG');
  const round = ours.reconcile(negPayloadBytes(reply[2] as string)!);
  assert.equal(round.output, null);
  assert.deepEqual(new Set(round.need), new Set(stored.slice(0, 5).map((e) => e.id)));
  c.send(['NEG-CLOSE', 'n1']);
  await c.close();
});

test('limits and bad input end in NEG-ERR with a NIP-01 reason, and the connection keeps working', async () => {
  const c = await RawClient.connect(node.url);
  c.send(['NEG-OPEN', 'big', {}, emptyInitial()]);
  assert.match(String((await c.next(negFor('big')))[2]), /^blocked: this query is too big/);
  c.send(['NEG-OPEN', 'bad', { kinds: [1], limit: 1 }, 'zz']);
  assert.match(String((await c.next(negFor('bad')))[2]), /^invalid: /);
  c.send(['NEG-OPEN', 'junk', { kinds: [1], until: 1_700_000_001 }, '61ff']);
  assert.match(String((await c.next(negFor('junk')))[2]), /^invalid: bad negentropy message/);
  c.send(['NEG-OPEN', 'short', { kinds: [1] }]);
  assert.match(String((await c.next(negFor('short')))[2]), /^invalid: NEG-OPEN takes a filter and a hex message/);
  c.send(['NEG-MSG', 'nobody', '61']);
  assert.match(String((await c.next(negFor('nobody')))[2]), /^closed: /);
  c.send(['NEG-OPEN', 'f', { kinds: 'x' }, emptyInitial()]);
  assert.match(String((await c.next(negFor('f')))[2]), /^invalid: /);
  // Two sessions are the cap; a third is refused; closing one makes room.
  const open = (id: string) => c.send(['NEG-OPEN', id, { kinds: [1], until: 1_700_000_001 }, emptyInitial()]);
  open('s1');
  assert.equal((await c.next(negFor('s1')))[0], 'NEG-MSG');
  open('s2');
  assert.equal((await c.next(negFor('s2')))[0], 'NEG-MSG');
  open('s3');
  assert.match(String((await c.next(negFor('s3')))[2]), /^blocked: too many open negentropy sessions/);
  c.send(['NEG-CLOSE', 's1']);
  open('s4');
  assert.equal((await c.next(negFor('s4')))[0], 'NEG-MSG');
  // An idle session is closed by the relay.
  assert.match(String((await c.next(negFor('s2'), 5000))[2]), /^closed: session idle too long/);
  const { events } = await c.req('still', { ids: [stored[0]!.id] });
  assert.equal(events.length, 1, 'the connection still answers REQ');
  await c.close();
});
