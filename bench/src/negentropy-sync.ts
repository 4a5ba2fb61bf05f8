/**
 * Two nodes holding N events that differ by 1% (half only on each side) reconcile with NIP-77
 * negentropy (`syncWithRelay`, dry run: the differences are found, nothing copied), beside a naive
 * REQ-based sync (page through every event of the peer). Reports time, rounds and bytes on the
 * wire against the size of sending everything.
 *
 * Setup writes the stores directly with fake-signed events (ids right, signatures dummy): it
 * builds the fixture quickly; the measured part never verifies signatures.
 *   node bench/dist/negentropy-sync.js --events 1000000 [--naive-max 200000]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { defaults } from '@lifeline/config';
import { RelayLink, pageAll, storeSide, syncWithRelay } from '@lifeline/mirror';
import { startNode } from '@lifeline/node';
import { openSqliteStore } from '@lifeline/store-sqlite';
import type { NostrEvent } from '@lifeline/nostr';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const n = Number(args.str('events', '1000000'));
const naiveMax = Number(args.str('naive-max', '200000'));
const diff = Math.round(n * 0.01);
const pubkeys = Array.from({ length: 1000 }, (_, i) => createHash('sha256').update(`author ${i}`).digest('hex'));
const sig = '0'.repeat(128);
const start = 1_700_000_000;

function event(i: number): { event: NostrEvent; json: string } {
  const e = {
    pubkey: pubkeys[i % pubkeys.length]!,
    created_at: start + Math.floor(i / 3),
    kind: 1,
    tags: [['t', `tag${i % 50}`]],
    content: `report number ${i}: the square is full, people are chanting, phones are slow`,
  };
  const id = createHash('sha256')
    .update(JSON.stringify([0, e.pubkey, e.created_at, e.kind, e.tags, e.content]))
    .digest('hex');
  const full = { id, ...e, sig };
  return { event: full, json: JSON.stringify(full) };
}

/** Fills a data dir: every index except those `skip` says to leave out. Returns the JSON bytes stored. */
async function fill(dir: string, skip: (i: number) => boolean): Promise<number> {
  const store = await openSqliteStore({ path: join(dir, 'lifeline.db'), synchronous: 'NORMAL', readThreads: 0 });
  let bytes = 0;
  let batch: { event: NostrEvent; json: string }[] = [];
  for (let i = 0; i < n; i++) {
    if (skip(i)) continue;
    const e = event(i);
    bytes += e.json.length;
    batch.push(e);
    if (batch.length === 5000) {
      await store.save(batch);
      batch = [];
    }
  }
  if (batch.length) await store.save(batch);
  await store.close();
  return bytes;
}

// The differing 1%: evenly spread, alternating between the two sides.
const step = Math.floor(n / diff);
const onlyA = (i: number) => i % step === 0 && (i / step) % 2 === 0;
const onlyB = (i: number) => i % step === 0 && (i / step) % 2 === 1;
// --fixture DIR keeps the two data directories for later runs (building 1M events takes minutes).
const fixture = args.optional('fixture');
const root = fixture ?? mkdtempSync(join(tmpdir(), 'neg-bench-'));
const dirA = join(root, 'a');
const dirB = join(root, 'b');
let t = Date.now();
let bytesB = 0;
if (fixture && existsSync(join(root, 'bytes.json'))) {
  bytesB = (JSON.parse(readFileSync(join(root, 'bytes.json'), 'utf8')) as { bytesB: number }).bytesB;
  console.log(`setup: reusing ${root}`);
} else {
  mkdirSync(dirA, { recursive: true });
  mkdirSync(dirB, { recursive: true });
  [, bytesB] = await Promise.all([fill(dirA, onlyB), fill(dirB, onlyA)]);
  if (fixture) writeFileSync(join(root, 'bytes.json'), JSON.stringify({ bytesB }));
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  console.log(`setup: ${n.toLocaleString('en-US')} events per node, ${diff} differ; built in ${secs} s`);
}
if (args.flag('fill-only')) process.exit(0);

// --max-message BYTES sets both nodes' maxMessageBytes (and so the frame size the client picks).
const maxMessageBytes = Number(args.str('max-message', String(defaults().maxMessageBytes)));
const negentropyFrameBytes = Number(args.str('relay-frame', String(defaults().negentropyFrameBytes)));
const config = {
  ...defaults(),
  logLevel: 'silent',
  host: '127.0.0.1',
  port: 0,
  negentropyMaxRecords: n * 2,
  maxMessageBytes,
  negentropyFrameBytes,
};
console.log(`nodes: maxMessageBytes ${maxMessageBytes}, negentropyFrameBytes ${negentropyFrameBytes}`);
const a = await startNode({ ...config, data: dirA });
const b = await startNode({ ...config, data: dirB });
// --settle SECONDS: wait before syncing, so start-up work (the id filter, preloads) is finished, as
// on nodes that have been running; 0 (the default) measures a sync right after both nodes start.
const settle = Number(args.str('settle', '0'));
if (settle > 0) await new Promise((r) => setTimeout(r, settle * 1000));
try {
  const link = await RelayLink.open(b.url);
  t = Date.now();
  const phases: string[] = [];
  let firstRound = 0;
  const r = await syncWithRelay(storeSide(a.store, a.relay.addEvent, n * 2), link, {
    dryRun: true,
    onProgress: (p) => {
      if (phases.at(-1)?.startsWith(p.phase)) {
        if (p.phase === 'reconciling' && !firstRound) firstRound = Date.now() - t;
        return;
      }
      phases.push(`${p.phase} at ${((Date.now() - t) / 1000).toFixed(2)} s`);
    },
  });
  console.log(`  phases: ${phases.join(', ')}; first answer at ${(firstRound / 1000).toFixed(2)} s`);
  const ms = Date.now() - t;
  const wire = r.bytesUp + r.bytesDown;
  console.log(
    `negentropy: have ${r.have} need ${r.need} in ${r.rounds} rounds, ${(ms / 1000).toFixed(2)} s; ` +
      `${(r.bytesUp / 1024).toFixed(0)} KiB up + ${(r.bytesDown / 1024).toFixed(0)} KiB down = ` +
      `${((100 * wire) / bytesB).toFixed(2)}% of sending everything (${(bytesB / 1048576).toFixed(0)} MiB of JSON)`,
  );
  // What the 1% itself costs to send once found (ids known, JSON bytes of the missing events).
  const diffBytes = (n / step) * event(0).json.length;
  console.log(`  the differing events themselves: about ${(diffBytes / 1024).toFixed(0)} KiB of JSON`);
  if (n <= naiveMax) {
    const before = { ...link.traffic };
    t = Date.now();
    const all = await pageAll(link, {});
    const naiveMs = Date.now() - t;
    const down = link.traffic.down - before.down;
    console.log(
      `naive REQ paging: ${all.length.toLocaleString('en-US')} events, ${(naiveMs / 1000).toFixed(2)} s, ` +
        `${(down / 1048576).toFixed(1)} MiB down`,
    );
  } else console.log(`naive REQ paging: skipped above --naive-max ${naiveMax}`);
  link.close();
} finally {
  await a.close();
  await b.close();
  if (!fixture) rmSync(root, { recursive: true, force: true });
}
