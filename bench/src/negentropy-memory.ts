/**
 * NIP-77 reconciliation in memory, no sockets and no database: two record sets of N that differ by
 * 1% (spread evenly, half on each side), reconciled with the given frame size limits. Reports
 * rounds and the bytes both sides send as hex, so the wire format's cost (splitting, frame limits,
 * truncation) can be measured apart from reading the records.
 *   node bench/dist/negentropy-memory.js --events 1000000 [--client-frame 65000] [--relay-frame 60000]
 *     [--fold: truncate as the reference does] [--reference: its splitting too] [--verbose]
 */
import { createHash, randomBytes } from 'node:crypto';
import { NEG_LIFELINE_SPLITTING, NEG_REFERENCE_SPLITTING, Negentropy, NegentropyStorage } from '@lifeline/nostr';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const n = args.num('events', 1_000_000);
const clientFrame = args.num('client-frame', 65_000);
const relayFrame = args.num('relay-frame', 60_000);
const splitting = args.flag('reference')
  ? NEG_REFERENCE_SPLITTING
  : {
      ...NEG_LIFELINE_SPLITTING,
      keepRanges: args.flag('fold') ? 0 : args.num('keep', NEG_LIFELINE_SPLITTING.keepRanges ?? 0),
      buckets: args.num('buckets', NEG_LIFELINE_SPLITTING.buckets),
      idListBelow: args.num('id-list-below', NEG_LIFELINE_SPLITTING.idListBelow),
    };
const maxRounds = args.num('max-rounds', 10_000);
const verbose = args.flag('verbose');
const sha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

// Records as the sync bench makes them: three per second, random ids; every 100th differs.
const diff = Math.round(n * 0.01);
const step = Math.floor(n / diff);
const all = randomBytes(n * 32);
function side(skip: (i: number) => boolean): NegentropyStorage {
  const items: { timestamp: number; id: Uint8Array }[] = [];
  for (let i = 0; i < n; i++)
    if (!skip(i)) items.push({ timestamp: 1_700_000_000 + Math.floor(i / 3), id: all.subarray(i * 32, i * 32 + 32) });
  return NegentropyStorage.fromItems(items, sha256);
}
const a = side((i) => i % step === 0 && (i / step) % 2 === 1);
const b = side((i) => i % step === 0 && (i / step) % 2 === 0);

const t = Date.now();
const client = new Negentropy(a, clientFrame, splitting);
const relay = new Negentropy(b, relayFrame, splitting);
let msg: Uint8Array | null = client.initiate();
let up = 0;
let down = 0;
let rounds = 0;
let have = 0;
let need = 0;
while (msg) {
  up += msg.length * 2;
  const answer = relay.reconcile(msg).output!;
  down += answer.length * 2;
  const r = client.reconcile(answer);
  have += r.have.length;
  need += r.need.length;
  rounds++;
  if (verbose) console.log(`round ${rounds}: up ${msg.length} down ${answer.length} have ${have} need ${need}`);
  if (rounds >= maxRounds) throw new Error(`no end after ${rounds} rounds`);
  msg = r.output;
}
const jsonBytes = (n - diff / 2) * 433; // the sync bench's events average 433 bytes of JSON
console.log(
  `${n.toLocaleString('en-US')} records, frames client ${clientFrame} / relay ${relayFrame}: ${rounds} rounds, ` +
    `have ${have} need ${need}, ${(up / 1024).toFixed(0)} KiB up + ${(down / 1024).toFixed(0)} KiB down (hex) = ` +
    `${((100 * (up + down)) / jsonBytes).toFixed(2)}% of the events' JSON; ${Date.now() - t} ms`,
);
