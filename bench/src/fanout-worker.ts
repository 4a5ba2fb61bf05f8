/** Fan-out subscribers in a worker thread: many raw connections, each frame scanned for the bench tag only. */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { leanConnect, type LeanSocket } from './lib/lean-ws.js';
import { Histogram } from './lib/stats.js';

/** What the coordinator hands each subscriber worker. */
export interface FanoutWorkerData {
  url: string;
  runId: string;
  /** Author public keys of the pool; follow lists index into it. */
  pool: string[];
  /** Per subscriber: followed pool indexes, or null to subscribe to every kind-1 event since `since`. */
  subscribers: (number[] | null)[];
  since: number;
  total: number;
  /** Events before this seq are the warm-up: checked for misses, left out of the latency figures. */
  warmup: number;
  /** Send time per seq in µs (process.hrtime clock), written by the publisher before each send. */
  sendTimes: SharedArrayBuffer;
  /** Pool index of each seq's author. */
  eventAuthor: SharedArrayBuffer;
  /** 1 when the relay answered OK true for that seq; read only after the run. */
  accepted: SharedArrayBuffer;
}

/** Totals a worker sends back after the run. */
export interface FanoutWorkerResult {
  expected: number;
  received: number;
  missed: number;
  duplicates: number;
  unexpected: number;
  unparsed: number;
  closedConnections: number;
  latency: { bins: Uint32Array; count: number; max: number; sum: number };
  eventLoopUtilization: number;
}

const data = workerData as FanoutWorkerData;
const sendTimes = new BigInt64Array(data.sendTimes);
const eventAuthor = new Int32Array(data.eventAuthor);
const accepted = new Uint8Array(data.accepted);
const needle = Buffer.from(`"bench","${data.runId}:`);
const latency = new Histogram();
let duplicates = 0;
let unexpected = 0;
let unparsed = 0;
let receivedTotal = 0;

interface Sub {
  follows: Set<number> | null;
  received: Uint8Array;
}
const subs: Sub[] = data.subscribers.map((f) => ({
  follows: f === null ? null : new Set(f),
  received: new Uint8Array(data.total),
}));

/** Finds the seq in a frame without JSON.parse; falls back to parsing if the relay spaces its JSON differently. */
function seqOf(frame: Buffer): number {
  const at = frame.indexOf(needle);
  if (at >= 0) {
    let seq = 0;
    for (let i = at + needle.length; i < frame.length; i++) {
      const c = frame[i] ?? 0;
      if (c < 48 || c > 57) break;
      seq = seq * 10 + (c - 48);
    }
    return seq;
  }
  try {
    const msg = JSON.parse(frame.toString()) as [string, string, { tags?: string[][] }];
    const tag = msg[2]?.tags?.find((t) => t[0] === 'bench' && t[1]?.startsWith(`${data.runId}:`));
    if (tag?.[1] !== undefined) return Number(tag[1].slice(data.runId.length + 1));
  } catch {
    // counted below
  }
  return -1;
}

function onFrame(sub: Sub, frame: Buffer): void {
  // `["EVENT"` starts with bytes [ " E V; everything else (EOSE, NOTICE, CLOSED) is rare and ignored here.
  if (frame[2] !== 69 || frame[3] !== 86) return;
  const now = Number(process.hrtime.bigint() / 1000n);
  const seq = seqOf(frame);
  if (seq < 0 || seq >= data.total) {
    unparsed++;
    return;
  }
  receivedTotal++;
  if (sub.received[seq] === 1) {
    duplicates++;
    return;
  }
  sub.received[seq] = 1;
  if (sub.follows !== null && !sub.follows.has(eventAuthor[seq] ?? -1)) unexpected++;
  if (seq >= data.warmup) latency.record((now - Number(Atomics.load(sendTimes, seq))) / 1000);
}

// Subscribers use the lean client: this process shares the relay's two cores.
let eose = 0;
let refused = 0;
let allAnswered: () => void = () => undefined;
const answered = new Promise<void>((resolve) => (allAnswered = resolve));
const onMessage = (sub: Sub) => (frame: Buffer) => {
  if (frame[2] === 69 && frame[3] === 79)
    eose++; // ["EOSE"
  else if (frame[2] === 67 && frame[3] === 76)
    refused++; // ["CLOSED"
  else return onFrame(sub, frame);
  if (eose + refused === subs.length) allAnswered();
};
const sockets: LeanSocket[] = new Array(subs.length);
let next = 0;
await Promise.all(
  Array.from({ length: Math.min(25, subs.length) }, async () => {
    while (next < subs.length) {
      const i = next++;
      sockets[i] = await leanConnect(data.url, onMessage(subs[i]!));
    }
  }),
);
sockets.forEach((ws, i) => {
  const sub = subs[i]!;
  const follows = sub.follows === null ? null : [...sub.follows].map((a) => data.pool[a] ?? '');
  const filter = follows === null ? { kinds: [1], since: data.since } : { kinds: [1], authors: follows, limit: 0 };
  ws.send(JSON.stringify(['REQ', `fan${i}`, filter]));
});
await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 60_000).unref())]);
parentPort?.postMessage({ type: 'ready', connected: sockets.length, eose, refused });

const eluStart = performance.eventLoopUtilization();
const progress = setInterval(() => parentPort?.postMessage({ type: 'progress', received: receivedTotal }), 500);

parentPort?.on('message', (msg: string) => {
  if (msg !== 'finish') return;
  clearInterval(progress);
  const elu = performance.eventLoopUtilization(eluStart).utilization;
  let expected = 0;
  let received = 0;
  let missed = 0;
  for (const sub of subs) {
    for (let seq = 0; seq < data.total; seq++) {
      if (sub.received[seq] === 1) received++;
      if (accepted[seq] !== 1) continue;
      if (sub.follows !== null && !sub.follows.has(eventAuthor[seq] ?? -1)) continue;
      expected++;
      if (sub.received[seq] !== 1) missed++;
    }
  }
  // Counted before hanging up: connections the relay closed during the run.
  const closedConnections = sockets.filter((ws) => ws.closed).length;
  for (const ws of sockets) ws.terminate();
  const result: FanoutWorkerResult = {
    expected,
    received,
    missed,
    duplicates,
    unexpected,
    unparsed,
    closedConnections,
    latency: { bins: latency.bins, count: latency.count, max: latency.max, sum: latency.sum },
    eventLoopUtilization: Math.round(elu * 100) / 100,
  };
  parentPort?.postMessage({ type: 'result', result });
  setImmediate(() => process.exit(0));
});
