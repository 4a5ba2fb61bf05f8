/** Home-timeline scenario: REQ {authors: 100 random, kinds [1,6], limit 50}, timed from REQ to EOSE. */
import type WebSocket from 'ws';
import { seededRandom } from '@lifeline/testkit';
import { parseArgs } from './lib/args.js';
import { connectMany, nowMs, parseFrame } from './lib/client.js';
import { defaultDataDir, readAuthors, readMeta } from './lib/dataset.js';
import { distinct } from './lib/random.js';
import { formatUsage, sampleProcess } from './lib/rss.js';
import { Counter, Histogram, report } from './lib/stats.js';

const args = parseArgs();
const url = args.str('url', 'ws://127.0.0.1:7447');
const dir = args.str('data', defaultDataDir);
const iterations = args.num('iterations', 1000);
const follows = args.num('follows', 100);
const limit = args.num('limit', 50);
const levels = args.str('concurrency', '1,8').split(',').map(Number);
const pid = args.optional('pid');

const meta = readMeta(dir);
const authors = readAuthors(dir).map((a) => a.pk);
const rand = seededRandom(args.num('seed', 7));

/** Runs one REQ to EOSE on `ws`; resolves with elapsed ms and events received. */
function timelineQuery(ws: WebSocket, subId: string): Promise<{ ms: number; events: number; closed: string | null }> {
  const picked = distinct(follows, () => Math.floor(rand() * authors.length)).map((i) => authors[i] ?? '');
  return new Promise((resolve) => {
    let events = 0;
    const started = nowMs();
    const onMessage = (data: WebSocket.RawData) => {
      const msg = parseFrame(data);
      if (msg[1] !== subId) return;
      if (msg[0] === 'EVENT') events++;
      else if (msg[0] === 'EOSE' || msg[0] === 'CLOSED') {
        const ms = nowMs() - started;
        ws.off('message', onMessage);
        if (msg[0] === 'EOSE') ws.send(JSON.stringify(['CLOSE', subId]));
        resolve({ ms, events, closed: msg[0] === 'CLOSED' ? String(msg[2]) : null });
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify(['REQ', subId, { authors: picked, kinds: [1, 6], limit }]));
  });
}

/** One measured pass: `concurrency` connections each issuing queries back to back. */
async function pass(concurrency: number) {
  const sockets = await connectMany(url, concurrency);
  const latency = new Histogram();
  const closed = new Counter();
  let events = 0;
  let issued = 0;
  // A short warm-up so connection setup and first-query compilation are not in the figures.
  await Promise.all(sockets.map((ws, i) => timelineQuery(ws, `warm${i}`)));
  const usage = sampleProcess(pid === undefined ? undefined : Number(pid));
  const started = nowMs();
  await Promise.all(
    sockets.map(async (ws, c) => {
      while (issued < iterations) {
        issued++;
        const r = await timelineQuery(ws, `tl${c}-${issued}`);
        latency.record(r.ms);
        events += r.events;
        if (r.closed !== null) closed.add(r.closed);
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  const relay = usage?.stop();
  for (const ws of sockets) ws.close();
  const s = latency.summary();
  report(
    `home timeline, concurrency ${concurrency}`,
    [
      ['queries', s.n],
      ['REQ→EOSE ms', `p50 ${s.p50}  p90 ${s.p90}  p99 ${s.p99}  max ${s.max}  mean ${s.mean}`],
      ['queries/s', Math.round(s.n / seconds)],
      ['events per query (avg)', (events / Math.max(1, s.n)).toFixed(1)],
      ['CLOSED', JSON.stringify(closed.toObject())],
      ['dataset', `${meta.events} events, ${meta.authors} authors; ${follows} authors per query, limit ${limit}`],
      ['relay process', formatUsage(relay)],
    ],
    {
      url,
      concurrency,
      iterations: s.n,
      follows,
      limit,
      latencyMs: s,
      queriesPerSecond: Math.round(s.n / seconds),
      eventsPerQuery: events / Math.max(1, s.n),
      closed: closed.toObject(),
      relay,
    },
  );
}

for (const level of levels) await pass(level);
