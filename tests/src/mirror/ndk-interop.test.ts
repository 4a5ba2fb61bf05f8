// Interop with an independent NIP-77 implementation from npm: @nostr-dev-kit/sync's Negentropy
// (a TypeScript port of the reference). It initiates against our relay over a real WebSocket,
// and answers our initiator in memory. (As a responder it is known to lose ids when it must
// truncate under a frame size limit, so it runs without one there.)
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Negentropy as NdkNegentropy, NegentropyStorage as NdkStorage } from '@nostr-dev-kit/sync';
import { NEG_LIFELINE_SPLITTING, Negentropy, NegentropyStorage } from '@lifeline/nostr';
import { RawClient, keys, signed } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const fakeId = (i: number) => createHash('sha256').update(`ndk ${i}`).digest('hex');
let node: TestNode;
const alice = keys();
const events = Array.from({ length: 150 }, (_, i) =>
  signed(alice, { content: `e${i}`, created_at: 1_700_000_000 + (i % 40) }),
);
before(async () => {
  node = await startTestNode();
  for (const e of events) await node.relay.addEvent(e, { source: 'import' });
});
after(() => node.stop());

test('NDK negentropy initiates against our relay over WebSocket and learns exactly the differences', async () => {
  const theirs = new NdkStorage();
  // NDK holds the first 100 stored events plus 60 the relay lacks.
  for (const e of events.slice(0, 100)) theirs.insert(e.created_at, e.id);
  for (let i = 0; i < 60; i++) theirs.insert(1_700_000_000 + i, fakeId(i));
  theirs.seal();
  const ndk = new NdkNegentropy(theirs, 4096);
  const c = await RawClient.connect(node.url);
  const have = new Set<string>();
  const need = new Set<string>();
  c.send(['NEG-OPEN', 'ndk', { kinds: [1] }, hex(await ndk.initiate())]);
  for (let round = 0; round < 50; round++) {
    const reply = await c.next((m) => (m[0] === 'NEG-MSG' || m[0] === 'NEG-ERR') && m[1] === 'ndk');
    assert.equal(reply[0], 'NEG-MSG', String(reply[2]));
    const r = await ndk.reconcile(Buffer.from(reply[2] as string, 'hex'));
    for (const id of r.have) have.add(hex(id));
    for (const id of r.need) need.add(hex(id));
    if (!r.nextMessage) break;
    c.send(['NEG-MSG', 'ndk', hex(r.nextMessage)]);
  }
  c.send(['NEG-CLOSE', 'ndk']);
  await c.close();
  assert.deepEqual(have, new Set(Array.from({ length: 60 }, (_, i) => fakeId(i))));
  assert.deepEqual(need, new Set(events.slice(100).map((e) => e.id)));
});

test('our initiator (Lifeline splitting, 4 KB frames) against NDK as the responder', async () => {
  const ours: { timestamp: number; id: string }[] = [];
  const ndkStore = new NdkStorage();
  const onlyOurs = new Set<string>();
  const onlyTheirs = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const item = { timestamp: 1_700_000_000 + (i % 5000), id: fakeId(i) };
    const r = i % 97;
    if (r !== 1) ours.push(item);
    else onlyTheirs.add(item.id);
    if (r !== 2) ndkStore.insert(item.timestamp, item.id);
    else onlyOurs.add(item.id);
  }
  ndkStore.seal();
  const responder = new NdkNegentropy(ndkStore, 0);
  const initiator = new Negentropy(NegentropyStorage.fromItems(ours), 4096, NEG_LIFELINE_SPLITTING);
  const have = new Set<string>();
  const need = new Set<string>();
  let msg: Uint8Array | null = initiator.initiate();
  for (let round = 0; msg && round < 500; round++) {
    const reply = await responder.reconcile(msg);
    const r = initiator.reconcile(reply.nextMessage!);
    for (const id of r.have) have.add(id);
    for (const id of r.need) need.add(id);
    msg = r.output;
  }
  assert.equal(msg, null, 'finished');
  assert.deepEqual(have, onlyOurs);
  assert.deepEqual(need, onlyTheirs);
});
