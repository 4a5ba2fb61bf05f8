/**
 * Cluster detection at the relay's ingest rate (issue 11): the same ingest (pre-signed dataset
 * events, 8 connections x window 500, empty database) against a node with `clusterDetection` off
 * and on, alternating runs so drift on a shared machine falls on both sides; then the clusterer
 * alone, in this process, over the dataset's kind-1 notes, for its own throughput and memory.
 */
import { fork } from 'node:child_process';
import { finalizeEvent } from 'nostr-tools/pure';
import { hexToBytes } from 'nostr-tools/utils';
import { Clusterer, tagMediaHashes } from '@lifeline/desk-signals';
import { clusterFeed } from '@lifeline/node';
import type { NostrEvent } from '@lifeline/nostr';
import { parseArgs } from './lib/args.js';
import { defaultDataDir, readAuthors, readEventLines, readMeta } from './lib/dataset.js';
import { publishLines } from './lib/publish.js';
import { formatUsage, sampleProcess } from './lib/rss.js';
import { report } from './lib/stats.js';

const args = parseArgs();
const dir = args.str('data', defaultDataDir);
const count = args.num('count', 100_000);
const rounds = args.num('rounds', 2);
const maxSeconds = args.num('seconds', 60);
const alone = args.num('alone', 1_000_000);
readMeta(dir);

// A campaign mixed into the ingest: CAMPAIGN_ACCOUNTS dataset authors each post one variant of
// one of three Persian messages (letter variants, digits, punctuation), signed here once, spread
// evenly through the stream so the clusterer has real clusters to build while ingest runs.
const CAMPAIGN_ACCOUNTS = args.num('campaign', 300);
const MESSAGES = [
  'تجمع امروز در میدان آزادی لغو شد، همه به خانه برگردید و به شایعات توجه نکنید',
  'خبر دستگیری دانشجویان دروغ است، رسانه‌های خارجی را باور نکنید و آرام باشید',
  'اینترنت تا فردا وصل می‌شود، نیازی به فیلترشکن نیست و آن‌ها را پاک کنید',
];
const VARIANTS = [
  (t: string) => t,
  (t: string) => t.replace(/ی/g, 'ي'),
  (t: string) => `${t}!`,
  (t: string) => `${t} ۱۴۰۲`,
];
const campaign = readAuthors(dir)
  .slice(0, CAMPAIGN_ACCOUNTS)
  .map((a, i) =>
    JSON.stringify(
      finalizeEvent(
        {
          kind: 1,
          created_at: Math.floor(Date.now() / 1000),
          tags: [],
          content: VARIANTS[i % VARIANTS.length]!(MESSAGES[i % MESSAGES.length]!),
        },
        hexToBytes(a.sk),
      ),
    ),
  );

async function* withCampaign(lines: AsyncIterable<string>): AsyncGenerator<string> {
  const every = Math.max(1, Math.floor(count / Math.max(1, campaign.length)));
  let n = 0;
  let c = 0;
  for await (const line of lines) {
    yield line;
    if (++n % every === 0 && c < campaign.length) yield campaign[c++]!;
  }
}

type Found = { clusters: number; largest: number; dropped: number; settleMs: number };

async function ingestOnce(mode: 'on' | 'off', offset: number) {
  const child = fork(new URL('./clusters-node.js', import.meta.url), [mode], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
  const { url, pid } = await next<{ url: string; pid: number }>();
  const usage = sampleProcess(pid);
  const r = await publishLines(withCampaign(readEventLines(dir, offset, count)), {
    url,
    connections: 8,
    window: 500,
    maxSeconds,
  });
  const relay = usage?.stop();
  child.send({ stop: true });
  const found = await next<Found>();
  await new Promise((resolve) => child.once('exit', resolve));
  const perSecond = Math.round(r.accepted / r.seconds);
  console.log(
    `  ${mode}: ${perSecond} accepted/s (${r.accepted} in ${r.seconds.toFixed(1)} s), ${formatUsage(relay)}, clusters ${found.clusters}, dropped ${found.dropped}`,
  );
  return { mode, perSecond, relay, ...found };
}

console.log(
  `clusters: ingest of ${count} events (+${campaign.length} campaign notes) x ${rounds} rounds, detection off vs on`,
);
const runs: Array<Awaited<ReturnType<typeof ingestOnce>>> = [];
for (let i = 0; i < rounds; i++) {
  // Each round uses fresh events and a fresh database; off and on take turns going first.
  const offset = i * count;
  const order: Array<'on' | 'off'> = i % 2 === 0 ? ['off', 'on'] : ['on', 'off'];
  for (const mode of order) runs.push(await ingestOnce(mode, offset));
}
const mean = (mode: string) => {
  const xs = runs.filter((r) => r.mode === mode).map((r) => r.perSecond);
  return Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
};
const off = mean('off');
const on = mean('on');

// The clusterer alone: every kind-1 note of the dataset through one Clusterer, as the worker would.
// Run with node --expose-gc for a heap figure without the parser's garbage in it.
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const clusterer = new Clusterer();
let notes = 0;
gc();
const heap0 = process.memoryUsage().heapUsed;
const cpu0 = process.cpuUsage();
let clock = Date.now();
for await (const line of readEventLines(dir, 0, alone)) {
  const e = JSON.parse(line) as {
    id: string;
    pubkey: string;
    kind: number;
    created_at: number;
    content: string;
    tags: string[][];
  };
  if (e.kind !== 1) continue;
  notes++;
  // Arrival spaced at the measured ingest rate, so the ten-minute window holds what it would live.
  clock += 1000 / Math.max(1, on);
  clusterer.add(
    { id: e.id, pubkey: e.pubkey, createdAt: e.created_at, content: e.content, media: tagMediaHashes(e.tags) },
    clock,
  );
}
gc();
const heapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1e5) / 10;
// CPU time, not wall time: on a shared machine the thread is often waiting for a core.
const cpu = process.cpuUsage(cpu0);
const alonePerSecond = Math.round(notes / ((cpu.user + cpu.system) / 1e6));

// What the relay's event loop pays: the node's feed (observe, and one postMessage per turn) over
// the first 200,000 dataset events, 500 per turn, each turn waiting for the worker. Event-loop utilisation counts the main thread's
// busy time only, so the worker's hashing (on another thread) is left out, as it is for the relay.
const feed = clusterFeed({}, (err) => console.error(err));
const sample: NostrEvent[] = [];
for await (const line of readEventLines(dir, 0, 200_000)) sample.push(JSON.parse(line) as NostrEvent);
const elu0 = performance.eventLoopUtilization();
for (let i = 0; i < sample.length; i += 500) {
  for (let j = i; j < Math.min(i + 500, sample.length); j++) feed.observe(sample[j]!);
  // The worker catches up before the next turn (idle time for this thread), so nothing is dropped.
  await feed.settled();
}
await feed.settled();
const elu = performance.eventLoopUtilization(elu0);
const perEventUs = (elu.active * 1000) / sample.length;
const feedDropped = feed.dropped;
await feed.close();

report(
  'clusters',
  [
    ['ingest accepted/s, detection off (mean)', off],
    ['ingest accepted/s, detection on (mean)', on],
    ['change', `${(((on - off) / off) * 100).toFixed(1)}%`],
    ['clusterer alone (per CPU second, incl. reading and JSON.parse)', `${alonePerSecond} notes/s over ${notes} notes`],
    ['clusterer held posts / heap growth', `${clusterer.held} / ${heapMb} MB`],
    ['clusters found (alone, >= 5 accounts)', clusterer.clusters(10_000).length],
    [
      'event-loop cost of the feed (observe + postMessage, main thread busy time)',
      `${perEventUs.toFixed(2)} µs/event over ${sample.length} events, ${feedDropped} dropped`,
    ],
  ],
  {
    count,
    rounds,
    runs,
    off,
    on,
    changePercent: ((on - off) / off) * 100,
    alonePerSecond,
    notes,
    heapMb,
    feedMicrosPerEvent: perEventUs,
    feedDropped,
  },
);
