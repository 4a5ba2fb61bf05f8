/**
 * Fan-out scenario: many subscriber connections with live filters while publishers send a fixed
 * event rate; measures delivery latency and missed deliveries.
 * Modes: `follows` (each subscriber follows a Zipf-skewed set of authors, like a home timeline) and
 * `all` (every subscriber takes every kind-1 event: the worst case).
 */
import { createHash, randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { seededRandom } from '@lifeline/testkit';
import { parseArgs } from './lib/args.js';
import { connectMany, nowMs, parseFrame, reasonPrefix } from './lib/client.js';
import { defaultDataDir, readAuthors, readMeta } from './lib/dataset.js';
import { distinct, zipfSampler } from './lib/random.js';
import { formatUsage, sampleProcess } from './lib/rss.js';
import { NativeSigner, buildNativeSigner } from './lib/signer.js';
import { Counter, Histogram, report, round } from './lib/stats.js';
import { postText } from './lib/text.js';
import type { FanoutWorkerData, FanoutWorkerResult } from './fanout-worker.js';

const args = parseArgs();
const url = args.str('url', 'ws://127.0.0.1:7447');
const dir = args.str('data', defaultDataDir);
const mode = args.str('mode', 'follows');
if (mode !== 'follows' && mode !== 'all') throw new Error('--mode is follows or all');
const subscriberCount = args.num('subscribers', mode === 'all' ? 100 : 1000);
const followCount = args.num('follows', 100);
const rate = args.num('rate', 1000);
const seconds = args.num('seconds', 20);
// Published at the same rate before the measured seconds: JIT, heap and socket buffers settle first.
const warmupSeconds = args.num('warmup', 5);
const workerCount = args.num('workers', 2);
const publisherCount = args.num('publishers', 2);
const pid = args.optional('pid');
const warmup = Math.round(rate * warmupSeconds);
const total = warmup + Math.round(rate * seconds);

readMeta(dir);
const allAuthors = readAuthors(dir);
// Small test datasets have fewer authors than the default pool; use what there is.
const poolSize = Math.min(args.num('pool', 2000), allAuthors.length);
const authors = allAuthors.slice(0, poolSize);
const pool = authors.map((a) => a.pk);
const rand = seededRandom(args.num('seed', 11));

// Follow graph: popular (low-rank) authors are followed by many subscribers.
const pickFollowed = zipfSampler(poolSize, 0.8, rand);
const graph: (number[] | null)[] = Array.from({ length: subscriberCount }, () =>
  mode === 'all' ? null : distinct(Math.min(followCount, poolSize), pickFollowed),
);
const followers = new Uint32Array(poolSize);
for (const follows of graph) for (const a of follows ?? []) followers[a] = (followers[a] ?? 0) + 1;

// Events: authors drawn uniformly from the pool; each carries ["bench", "<run>:<seq>"].
const runId = randomBytes(4).toString('hex');
const since = Math.floor(Date.now() / 1000) - 1;
const sendTimes = new SharedArrayBuffer(8 * total);
const eventAuthorBuf = new SharedArrayBuffer(4 * total);
const acceptedBuf = new SharedArrayBuffer(total);
const eventAuthor = new Int32Array(eventAuthorBuf);
const accepted = new Uint8Array(acceptedBuf);
const sendClock = new BigInt64Array(sendTimes);
let expectedFanout = 0;
for (let seq = 0; seq < total; seq++) {
  const a = Math.floor(rand() * poolSize);
  eventAuthor[seq] = a;
  expectedFanout += mode === 'all' ? subscriberCount : (followers[a] ?? 0);
}

/** Pre-signs every event so signing cost never delays the publishing schedule. */
async function presign(): Promise<{ frames: string[]; ids: Map<string, number> }> {
  const binary = buildNativeSigner(dir);
  if (binary === null) throw new Error('fanout needs the native signer (gcc + libsecp256k1-dev)');
  const signer = new NativeSigner(binary);
  const frames: string[] = [];
  const ids = new Map<string, number>();
  const createdAt = Math.floor(Date.now() / 1000);
  for (let start = 0; start < total; start += 2000) {
    const batch = [];
    for (let seq = start; seq < Math.min(total, start + 2000); seq++) {
      const author = authors[eventAuthor[seq] ?? 0];
      if (author === undefined) throw new Error('bad author');
      const event = {
        pubkey: author.pk,
        created_at: createdAt,
        kind: 1,
        tags: [['bench', `${runId}:${seq}`]],
        content: postText(rand),
      };
      const id = createHash('sha256')
        .update(JSON.stringify([0, event.pubkey, event.created_at, event.kind, event.tags, event.content]))
        .digest('hex');
      batch.push({ seq, event, id, sk: author.sk });
    }
    const sigs = await signer.sign(batch.map((b) => [b.sk, b.id]));
    batch.forEach((b, i) => {
      ids.set(b.id, b.seq);
      frames[b.seq] = JSON.stringify(['EVENT', { id: b.id, ...b.event, sig: sigs[i] }]);
    });
  }
  signer.close();
  return { frames, ids };
}

console.log(
  `fanout (${mode}): ${subscriberCount} subscribers on ${workerCount} workers, ${total} events at ${rate}/s over ${warmupSeconds} s warm-up + ${seconds} s, ` +
    `expected ${expectedFanout} deliveries (avg ${round(expectedFanout / total, 1)}/event` +
    (mode === 'all' ? ')' : `, most-followed author has ${Math.max(...followers)} followers)`),
);
const { frames, ids } = await presign();

// Subscribers.
let received = 0;
const perWorker = Math.ceil(subscriberCount / workerCount);
const progress = new Map<Worker, number>();
const workers: Worker[] = [];
const readies: Promise<{ connected: number; eose: number; refused: number }>[] = [];
for (let w = 0; w < workerCount; w++) {
  const slice = graph.slice(w * perWorker, (w + 1) * perWorker);
  if (slice.length === 0) continue;
  const workerData: FanoutWorkerData = {
    url,
    runId,
    pool,
    subscribers: slice,
    since,
    total,
    warmup,
    sendTimes,
    eventAuthor: eventAuthorBuf,
    accepted: acceptedBuf,
  };
  const worker = new Worker(new URL('./fanout-worker.js', import.meta.url), { workerData });
  workers.push(worker);
  readies.push(
    new Promise((resolve, reject) => {
      worker.on('error', reject);
      worker.on(
        'message',
        (msg: { type: string; received?: number; connected: number; eose: number; refused: number }) => {
          if (msg.type === 'ready') resolve(msg);
          if (msg.type === 'progress') {
            progress.set(worker, msg.received ?? 0);
            received = [...progress.values()].reduce((a, b) => a + b, 0);
          }
        },
      );
    }),
  );
}
const ready = await Promise.all(readies);
const subscribed = ready.reduce((n, r) => n + r.eose, 0);
const refused = ready.reduce((n, r) => n + r.refused, 0);
console.log(`  ${subscribed} subscriptions live (${refused} refused)`);

// Publishers.
const publishers = await connectMany(url, publisherCount);
const okLatency = new Histogram();
const rejectReasons = new Counter();
let acceptedCount = 0;
let answered = 0;
for (const ws of publishers) {
  ws.on('message', (frame) => {
    const msg = parseFrame(frame);
    if (msg[0] !== 'OK') return;
    const seq = ids.get(String(msg[1]));
    if (seq === undefined) return;
    answered++;
    if (seq >= warmup) okLatency.record(nowMs() - Number(sendClock[seq] ?? 0n) / 1000);
    if (msg[2] === true) {
      accepted[seq] = 1;
      acceptedCount++;
    } else rejectReasons.add(reasonPrefix(String(msg[3])));
  });
}

const benchCpuStart = process.cpuUsage();
const usage = sampleProcess(pid === undefined ? undefined : Number(pid));
const started = nowMs();
let sent = 0;
let lastLog = started;
while (sent < total) {
  const due = Math.min(total, Math.floor(((nowMs() - started) / 1000) * rate));
  while (sent < due) {
    Atomics.store(sendClock, sent, process.hrtime.bigint() / 1000n);
    publishers[sent % publishers.length]?.send(frames[sent] ?? '');
    sent++;
  }
  if (nowMs() - lastLog > 5000) {
    lastLog = nowMs();
    console.log(`  ${sent} published, ${answered} OK, ${received} deliveries so far`);
  }
  await sleep(1);
}
const publishSeconds = (nowMs() - started) / 1000;

// Drain: wait for OKs, then until deliveries stop growing for 2 s (at most 30 s).
let stableSince = nowMs();
let lastReceived = -1;
const drainDeadline = nowMs() + 30_000;
while (nowMs() < drainDeadline && (answered < sent || nowMs() - stableSince < 2000)) {
  if (received !== lastReceived) {
    lastReceived = received;
    stableSince = nowMs();
  }
  await sleep(100);
}
const relay = usage?.stop();
const cpu = process.cpuUsage(benchCpuStart);
const wall = (nowMs() - started) / 1000;

const results = await Promise.all(
  workers.map(
    (worker) =>
      new Promise<FanoutWorkerResult>((resolve) => {
        worker.on('message', (msg: { type: string; result: FanoutWorkerResult }) => {
          if (msg.type === 'result') resolve(msg.result);
        });
        worker.postMessage('finish');
      }),
  ),
);
for (const ws of publishers) ws.close();

const latency = new Histogram();
const sum = (pick: (r: FanoutWorkerResult) => number) => results.reduce((n, r) => n + pick(r), 0);
for (const r of results) latency.merge(r.latency);
const l = latency.summary();
const ok = okLatency.summary();
const expected = sum((r) => r.expected);
const missed = sum((r) => r.missed);
const benchCpuPercent = Math.round(((cpu.user + cpu.system) / 1e6 / wall) * 100);
report(
  `fan-out (${mode})`,
  [
    ['subscribers', `${subscriberCount} (${subscribed} live, ${refused} refused)`],
    ['filter', mode === 'all' ? `{kinds:[1], since}` : `{kinds:[1], authors:<${followCount} of ${poolSize}>, limit:0}`],
    [
      'published',
      `${sent} in ${publishSeconds.toFixed(1)} s = ${Math.round(sent / publishSeconds)}/s (target ${rate}/s)`,
    ],
    [
      'OK true / false',
      `${acceptedCount} / ${answered - acceptedCount} ${JSON.stringify(rejectReasons.toObject())}; no OK: ${sent - answered}`,
    ],
    ['publisher OK ms', `(after warm-up) p50 ${ok.p50}  p99 ${ok.p99}  max ${ok.max}`],
    [
      'deliveries expected',
      `${expected} (avg ${round(expected / Math.max(1, acceptedCount), 1)} per event, ${Math.round(expected / publishSeconds)}/s)`,
    ],
    ['deliveries received', sum((r) => r.received)],
    ['missed', missed],
    ['duplicates / unexpected', `${sum((r) => r.duplicates)} / ${sum((r) => r.unexpected)}`],
    [
      'delivery latency ms',
      `(after ${warmupSeconds} s warm-up) p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  max ${l.max}`,
    ],
    ['subscriber conns closed', sum((r) => r.closedConnections)],
    [
      'bench process CPU',
      `${benchCpuPercent}% of a core; worker event loops busy ${results.map((r) => r.eventLoopUtilization).join(', ')}`,
    ],
    ['relay process', formatUsage(relay)],
  ],
  {
    url,
    mode,
    subscribers: subscriberCount,
    subscribed,
    refused,
    follows: mode === 'all' ? null : followCount,
    pool: poolSize,
    targetRate: rate,
    warmupSeconds,
    published: sent,
    publishedPerSecond: Math.round(sent / publishSeconds),
    accepted: acceptedCount,
    rejected: answered - acceptedCount,
    rejectReasons: rejectReasons.toObject(),
    okLatencyMs: ok,
    expected,
    received: sum((r) => r.received),
    missed,
    duplicates: sum((r) => r.duplicates),
    unexpected: sum((r) => r.unexpected),
    unparsed: sum((r) => r.unparsed),
    latencyMs: l,
    closedConnections: sum((r) => r.closedConnections),
    benchCpuPercent,
    workerEventLoopUtilization: results.map((r) => r.eventLoopUtilization),
    relay,
  },
);
process.exit(0);
