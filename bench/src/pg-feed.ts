/**
 * What PostgreSQL LISTEN/NOTIFY carries for live fan-out across processes (store-postgres/feed.ts).
 * 1. raw: one NOTIFY per transaction from several connections, counted by one listener;
 * 2. feed, flat out: store A saves events as fast as its batch writer commits them, store B (a
 *    second process's store on the same database) receives them through the feed;
 * 3. feed, paced: A saves one event at a time at `--rate` events/s; latency from save to B.
 * `node bench/dist/pg-feed.js [--events 20000] [--rate 1000]` starts its own durable PostgreSQL.
 */
import { fastStored } from '@lifeline/store/testing';
import { openPostgresStore } from '@lifeline/store-postgres';
import { keys } from '@lifeline/testkit';
import { startPostgres } from '@lifeline/testkit/postgres';
import postgres from 'postgres';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const count = args.num('events', 20_000);
const rate = args.num('rate', 1000);
const pg = await startPostgres({ durable: true });

const pct = (xs: number[], p: number) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

async function raw(n: number): Promise<number> {
  const url = await pg.createDatabase('raw');
  const listener = postgres(url, { onnotice: () => {} });
  const senders = postgres(url, { max: 8, onnotice: () => {} });
  let got = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((r) => (done = r));
  await listener.listen('bench', () => {
    if (++got === n) done();
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < n) {
        next++;
        await senders`SELECT pg_notify('bench', '12345')`;
      }
    }),
  );
  await all;
  const s = (performance.now() - t0) / 1000;
  await Promise.all([listener.end(), senders.end()]);
  return n / s;
}

async function feed(
  n: number,
  paced: boolean,
): Promise<{ perSecond: number; committedPerSecond: number; p50: number; p99: number }> {
  const url = await pg.createDatabase('feed');
  const [a, b] = await Promise.all([openPostgresStore({ url }), openPostgresStore({ url })]);
  const authors = Array.from({ length: 20 }, () => keys());
  const events = Array.from({ length: n }, (_, i) => fastStored(authors[i % 20]!, { content: `feed ${i}` }));
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  let done: () => void = () => undefined;
  const all = new Promise<void>((r) => (done = r));
  b.onCommitted(({ event }) => {
    latencies.push(performance.now() - sentAt.get(event.id)!);
    if (latencies.length === n) done();
  });
  await b.following();
  const t0 = performance.now();
  if (paced) {
    const gap = 1000 / rate;
    const saves: Promise<unknown>[] = [];
    for (const [i, e] of events.entries()) {
      const due = t0 + i * gap;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      sentAt.set(e.event.id, performance.now());
      saves.push(a.save([e]));
    }
    await Promise.all(saves);
  } else {
    for (const e of events) sentAt.set(e.event.id, t0);
    await Promise.all(events.map((e) => a.save([e])));
  }
  const committed = (performance.now() - t0) / 1000;
  await all;
  const s = (performance.now() - t0) / 1000;
  await Promise.all([a.close(), b.close()]);
  return { perSecond: n / s, committedPerSecond: n / committed, p50: pct(latencies, 0.5), p99: pct(latencies, 0.99) };
}

try {
  const r = await raw(Math.min(count, 10_000));
  console.log(`raw NOTIFY, one per transaction, 8 senders: ${r.toFixed(0)} notifications/s`);
  const flat = await feed(count, false);
  console.log(
    `feed flat out, ${count} events: A committed ${flat.committedPerSecond.toFixed(0)}/s, B received ${flat.perSecond.toFixed(0)}/s`,
  );
  const paced = await feed(Math.min(count, rate * 10), true);
  console.log(
    `feed paced at ${rate}/s: ${paced.perSecond.toFixed(0)} events/s, save-to-B latency p50 ${paced.p50.toFixed(1)} ms p99 ${paced.p99.toFixed(1)} ms`,
  );
} finally {
  await pg.stop();
}
