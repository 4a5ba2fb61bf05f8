// The SQLite store on its own, without a relay: fills a temporary database with synthetic events
// through `save`, times the query shapes the relay runs most and prints the planner's choices.
// Usage: node bench/dist/store-queries.js [count]   (INSERT_ONLY=1 stops after the inserts)
import { randomBytes } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Filter } from '@lifeline/nostr';
import type { StoredEvent } from '@lifeline/store';
import { compileFilter, openSqliteStore } from '@lifeline/store-sqlite';
import { stored } from '@lifeline/store/testing';
import { fakeSigned, seededRandom, tempDir } from '@lifeline/testkit';

const TOTAL = Number(process.argv[2] ?? 1_000_000);
const AUTHORS = 20_000;
const WORDS = 'iran tehran news protest azadi square police street video confirmed fax آزادی تهران خبر میدان'.split(
  ' ',
);
const START = 1_650_000_000;

const rand = seededRandom(42);
const authors = Array.from({ length: AUTHORS }, () => randomBytes(32).toString('hex'));
// Skewed activity: a few authors post a lot, most rarely (roughly what a busy relay sees).
const anyAuthor = () => authors[Math.floor(AUTHORS * rand() ** 2)]!;
const recent: string[] = [];

function synthetic(i: number): StoredEvent {
  const r = rand();
  const kind = r < 0.6 ? 1 : r < 0.85 ? 7 : r < 0.93 ? 6 : r < 0.96 ? 0 : r < 0.99 ? 3 : 30023;
  const tags: string[][] = [];
  const target = recent[Math.floor(rand() * recent.length)];
  if ((kind === 7 || kind === 6 || rand() < 0.3) && target) tags.push(['e', target], ['p', anyAuthor()]);
  if (kind === 1 && rand() < 0.2) tags.push(['t', WORDS[Math.floor(rand() * WORDS.length)]!]);
  if (kind === 30023) tags.push(['d', `a${i % 50}`]);
  // Realistic content per kind: follow lists are p tags with empty content, profiles short JSON.
  if (kind === 3) for (let k = 0; k < 30; k++) tags.push(['p', anyAuthor()]);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');
  const content =
    kind === 7
      ? '+'
      : kind === 3
        ? ''
        : kind === 0
          ? JSON.stringify({ name: `user${i}`, about: words(4) })
          : words(8 + Math.floor(rand() * 20));
  const event = fakeSigned(
    { pk: anyAuthor() },
    { created_at: START + Math.floor(i * 3 + rand() * 30), kind, tags, content },
  );
  if (kind === 1) {
    recent.push(event.id);
    if (recent.length > 1000) recent.shift();
  }
  return stored(event);
}

function percentiles(samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(2);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${s[s.length - 1]!.toFixed(2)} ms`;
}

const dir = tempDir('lifeline-perf-');
const path = join(dir, 'perf.db');
try {
  const store = await openSqliteStore({ path, synchronous: 'NORMAL' });
  const began = performance.now();
  const chunk = 1000;
  for (let i = 0; i < TOTAL; i += chunk) {
    const batch = Array.from({ length: Math.min(chunk, TOTAL - i) }, (_, j) => synthetic(i + j));
    await store.save(batch);
    if ((i / chunk) % 100 === 0) process.stderr.write(`  ${i} events\n`);
  }
  const seconds = (performance.now() - began) / 1000;
  console.log(`insert: ${TOTAL} events in ${seconds.toFixed(1)} s = ${Math.round(TOTAL / seconds)} events/s`);
  await store.close();
  console.log(`file size: ${(statSync(path).size / 1e6).toFixed(0)} MB`);

  if (process.env.INSERT_ONLY) process.exit(0);
  const reopened = await openSqliteStore({ path });
  const timeline = (): Filter => ({
    authors: Array.from({ length: 100 }, () => authors[Math.floor(rand() * AUTHORS)]!),
    kinds: [1, 6],
    limit: 50,
  });
  // [name, filter maker, runs]: search on a word most posts contain is slow, so fewer runs.
  const shapes: [string, () => Filter, number?][] = [
    ['home timeline (100 random authors, kinds 1,6, limit 50)', timeline],
    ['home timeline, 100 most active authors', () => ({ ...timeline(), authors: authors.slice(0, 100) })],
    ['one author, limit 20', () => ({ authors: [anyAuthor()], limit: 20 })],
    ['global kind 1, limit 50', () => ({ kinds: [1], limit: 50 })],
    [
      'replies+reactions to a post (#e, kinds 1,7)',
      () => ({ '#e': [recent[Math.floor(rand() * recent.length)]!], kinds: [1, 7] }),
    ],
    ['hashtag #t, limit 50', () => ({ '#t': [WORDS[Math.floor(rand() * WORDS.length)]!], limit: 50 })],
    ['search one common word, limit 50', () => ({ search: WORDS[Math.floor(rand() * WORDS.length)]!, limit: 50 }), 20],
    ['since last hour (limit 500)', () => ({ since: START + TOTAL * 3 - 3600, limit: 500 })],
  ];
  for (const [name, make, runs = 300] of shapes) {
    for (let i = 0; i < 5; i++) await reopened.query([make()], { maxLimit: 500 }); // warm up
    const samples: number[] = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const filter = make();
      const t = performance.now();
      rows += (await reopened.query([filter], { maxLimit: 500 })).length;
      samples.push(performance.now() - t);
    }
    console.log(`${name}: ${percentiles(samples)} (avg ${(rows / runs).toFixed(0)} rows)`);
  }
  await reopened.close();

  const db = new Database(path, { readonly: true });
  const c = compileFilter(timeline())!;
  const where = c.where.join(' AND ');
  for (const sql of [
    `SELECT ${c.time} FROM ${c.from} WHERE ${where} ORDER BY ${c.time} DESC LIMIT 1 OFFSET 49`,
    `SELECT e.seq, e.json FROM ${c.from} WHERE ${where} AND (e.expiration IS NULL OR e.expiration > 0) AND ${c.time} >= 0 ORDER BY ${c.time} DESC, e.id LIMIT 50`,
  ]) {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...c.params) as { detail: string }[];
    console.log(`plan: ${plan.map((p) => p.detail).join(' | ')}`);
  }
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
