import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import {
  BoundCoder,
  ByteReader,
  ByteWriter,
  Negentropy,
  NegentropyFormatError,
  NegentropyStorage,
  NEG_LIFELINE_SPLITTING,
  NEG_MAX_BOUND,
  NEG_REFERENCE_SPLITTING,
  type NegSplitting,
  negPayloadBytes,
} from './nip77.js';

const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const idOf = (n: number) => hexOf(sha256(new TextEncoder().encode(`id ${n}`)));

test('varints are base-128, most significant digit first', () => {
  const w = new ByteWriter();
  for (const n of [0, 1, 127, 128, 300, 2 ** 40]) w.varint(n);
  const bytes = w.finish();
  assert.equal(hexOf(bytes.subarray(0, 5)), '00017f8100');
  assert.equal(hexOf(bytes.subarray(5, 7)), '822c');
  const r = new ByteReader(bytes);
  assert.deepEqual(
    [r.varint(), r.varint(), r.varint(), r.varint(), r.varint(), r.varint()],
    [0, 1, 127, 128, 300, 2 ** 40],
  );
  assert.throws(() => new ByteReader(new Uint8Array([0x80])).varint(), NegentropyFormatError);
});

test('bounds: timestamps are deltas within a message, 0 is infinity, prefixes up to 32 bytes', () => {
  const coder = new BoundCoder();
  const w = new ByteWriter();
  coder.write(w, { timestamp: 100, prefix: new Uint8Array(0) });
  coder.write(w, { timestamp: 105, prefix: new Uint8Array([0xab]) });
  coder.write(w, NEG_MAX_BOUND);
  assert.equal(hexOf(w.finish()), '650006' + '01ab' + '0000');
  coder.reset();
  const r = new ByteReader(w.finish());
  assert.equal(coder.read(r).timestamp, 100);
  assert.deepEqual(coder.read(r), { timestamp: 105, prefix: new Uint8Array([0xab]) });
  assert.equal(coder.read(r).timestamp, Number.POSITIVE_INFINITY);
  assert.throws(() => new BoundCoder().read(new ByteReader(new Uint8Array([1, 33]))), /longer than 32/);
});

test('fingerprint: sha256 of the little-endian sum mod 2^256 and the varint count, first 16 bytes', () => {
  const ff = 'ff'.repeat(32);
  const one = `01${'00'.repeat(31)}`;
  const s = NegentropyStorage.fromItems([
    { timestamp: 1, id: ff },
    { timestamp: 2, id: one },
  ]);
  // ff..ff + 1 wraps to zero; count 2.
  const expected = sha256(new Uint8Array([...new Uint8Array(32), 2])).slice(0, 16);
  assert.deepEqual(s.fingerprint(0, 2), expected);
  assert.deepEqual(s.fingerprint(0, 0), sha256(new Uint8Array(33)).slice(0, 16));
});

test('storage: sorted by (timestamp, id), repeats dropped, lower bounds with id prefixes', () => {
  const s = NegentropyStorage.fromItems([
    { timestamp: 5, id: `bb${'00'.repeat(31)}` },
    { timestamp: 5, id: `aa${'00'.repeat(31)}` },
    { timestamp: 3, id: `ff${'00'.repeat(31)}` },
    { timestamp: 5, id: `aa${'00'.repeat(31)}` },
  ]);
  assert.equal(s.size, 3);
  assert.deepEqual(Array.from(s.timestamps), [3, 5, 5]);
  assert.equal(s.lowerBound(0, 3, { timestamp: 5, prefix: new Uint8Array([0xab]) }), 2);
  assert.equal(s.lowerBound(0, 3, { timestamp: 4, prefix: new Uint8Array(0) }), 1);
  assert.equal(s.lowerBound(0, 3, NEG_MAX_BOUND), 3);
  assert.deepEqual(s.minimalBound(2), { timestamp: 5, prefix: new Uint8Array([0xbb]) });
  assert.throws(() => NegentropyStorage.fromSorted(new Float64Array([2, 1]), new Uint8Array(64)), /not sorted/);
});

/** Runs a full reconciliation in memory; returns have/need sets and the largest message. */
function run(
  client: NegentropyStorage,
  server: NegentropyStorage,
  limits: [number, number] = [0, 0],
  splitting: NegSplitting = NEG_REFERENCE_SPLITTING,
) {
  const a = new Negentropy(client, limits[0], splitting);
  const b = new Negentropy(server, limits[1], splitting);
  const have = new Set<string>();
  const need = new Set<string>();
  let msg: Uint8Array | null = a.initiate();
  let largest = msg.length;
  let rounds = 0;
  while (msg) {
    const reply = b.reconcile(msg).output!;
    largest = Math.max(largest, reply.length);
    const r = a.reconcile(reply);
    for (const id of r.have) have.add(id);
    for (const id of r.need) need.add(id);
    msg = r.output;
    if (msg) largest = Math.max(largest, msg.length);
    rounds++;
  }
  return { have, need, largest, rounds };
}

function sets(n: number, onlyA: number, onlyB: number) {
  const common = Array.from({ length: n }, (_, i) => ({ timestamp: 1000 + (i % 97), id: idOf(i) }));
  const a = Array.from({ length: onlyA }, (_, i) => ({ timestamp: 1000 + i, id: idOf(1e6 + i) }));
  const b = Array.from({ length: onlyB }, (_, i) => ({ timestamp: 1050 + i, id: idOf(2e6 + i) }));
  return {
    a,
    b,
    client: NegentropyStorage.fromItems([...common, ...a]),
    server: NegentropyStorage.fromItems([...common, ...b]),
  };
}

test('reconciliation finds exactly the differences, splitting ranges over several rounds', () => {
  const { a, b, client, server } = sets(20_000, 37, 23);
  const r = run(client, server);
  assert.deepEqual([...r.have].sort(), a.map((x) => x.id).sort());
  assert.deepEqual([...r.need].sort(), b.map((x) => x.id).sort());
  assert.ok(r.rounds >= 2);
});

test('equal sets end after one round; empty sides get everything as id lists', () => {
  const { client } = sets(5000, 0, 0);
  assert.equal(run(client, client).rounds, 1);
  const empty = NegentropyStorage.fromItems([]);
  const r = run(empty, client);
  assert.equal(r.need.size, 5000);
  assert.equal(run(client, empty).have.size, 5000);
});

test('frame size limits: every message fits, a responder truncates its id list, nothing is lost', () => {
  const { a, b, client, server } = sets(0, 3000, 4000);
  const r = run(client, server, [4096, 4096]);
  assert.ok(r.largest <= 4096, `largest message ${r.largest}`);
  assert.equal(r.have.size, a.length);
  assert.equal(r.need.size, b.length);
  assert.throws(() => new Negentropy(client, 1000), /at least 4096/);
});

test('truncation that keeps ranges (Lifeline splitting): messages fit, every difference found', () => {
  // Differences spread thin over many records, so replies are cut nearly every round.
  const common = Array.from({ length: 60_000 }, (_, i) => ({ timestamp: 1000 + Math.floor(i / 3), id: idOf(i) }));
  const onlyA = common.filter((_, i) => i % 100 === 0);
  const onlyB = common.filter((_, i) => i % 100 === 50);
  const client = NegentropyStorage.fromItems(common.filter((_, i) => i % 100 !== 50));
  const server = NegentropyStorage.fromItems(common.filter((_, i) => i % 100 !== 0));
  for (const keepRanges of [0, 0.05, 0.5]) {
    const r = run(client, server, [4096, 4096], { ...NEG_LIFELINE_SPLITTING, keepRanges });
    assert.ok(r.largest <= 4096, `keep ${keepRanges}: largest message ${r.largest}`);
    assert.deepEqual([...r.have].sort(), onlyA.map((x) => x.id).sort(), `keep ${keepRanges}: have`);
    assert.deepEqual([...r.need].sort(), onlyB.map((x) => x.id).sort(), `keep ${keepRanges}: need`);
  }
});

test('bad input is a format error; another version gets the spec downgrade answer', () => {
  const responder = new Negentropy(NegentropyStorage.fromItems([]));
  assert.throws(() => responder.reconcile(new Uint8Array([0x61, 0x01, 0x00, 0x07])), NegentropyFormatError);
  assert.throws(() => responder.reconcile(new Uint8Array([0x10])), /version/);
  assert.deepEqual(responder.reconcile(new Uint8Array([0x62, 0xaa])).output, new Uint8Array([0x61]));
  assert.equal(negPayloadBytes('zz'), undefined);
  assert.deepEqual(negPayloadBytes('61'), new Uint8Array([0x61]));
});
