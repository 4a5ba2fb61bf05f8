import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Filter } from '@lifeline/nostr';
import { fakeSigned, keys, seededRandom, type TestKeys } from '@lifeline/testkit';
import type { EventStore, StoredEvent } from './index.js';
import { NaiveStore } from './oracle.js';
import { stored, type OpenStore } from './contract.js';

const T = 1_700_000_000;
const WORDS = [
  'iran',
  'protest',
  'protesters',
  'Tehran',
  'news',
  'square',
  'Azadi',
  'confirmed',
  'fax',
  'آزادی',
  'آزادي',
  'میدان',
  'ميدان',
  'کتاب',
  'كتابها',
  'تهران',
  '۱۳۸۸',
  '1388',
  'می‌روم',
  'خبر',
  // Spellings the search folds together: teh marbuta and heh, hamza forms and bare alef, tatweel.
  'مدرسة',
  'مدرسه',
  'أخبار',
  'اخبار',
  'خـبر',
];
const KINDS = [1, 1, 1, 1, 6, 7, 0, 3, 10002, 30023, 1059];

/** Everything one randomized run does, generated up front from a seed. */
interface Scenario {
  batches: StoredEvent[][];
  pool: StoredEvent[];
  people: TestKeys[];
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function some<T>(rand: () => number, items: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(rand() * max);
  return Array.from({ length: n }, () => pick(rand, items));
}

let cached: Scenario | undefined;

/** Builds (once per process: signing is the slow part) the random event set. */
function scenario(): Scenario {
  if (cached) return cached;
  const rand = seededRandom(20090612);
  const people = Array.from({ length: 6 }, () => keys());
  const pool: StoredEvent[] = [];
  const batches: StoredEvent[][] = [];
  for (let b = 0; b < 40; b++) {
    const batch: StoredEvent[] = [];
    for (let i = 0; i < 60; i++) {
      const tags: string[][] = [];
      if (rand() < 0.4 && pool.length > 0) tags.push(['e', pick(rand, pool).event.id]);
      if (rand() < 0.4) tags.push(['p', pick(rand, people).pk]);
      if (rand() < 0.3) tags.push(['t', pick(rand, WORDS)]); // any case and spelling: `#t` folds
      if (rand() < 0.1) tags.push(['L', pick(rand, ['a', 'b'])]);
      const kind = pick(rand, KINDS);
      if (kind === 30023) tags.push(['d', pick(rand, ['x', 'y', 'z'])]);
      if (rand() < 0.05) tags.push(['expiration', String(rand() < 0.5 ? T - 100 : 4_000_000_000)]);
      let content = some(rand, WORDS, 4).join(rand() < 0.5 ? ' ' : '، ');
      if (kind === 6 && pool.length > 0 && rand() < 0.7) {
        // A well-formed repost, so a deletion by the copied event's author withholds it.
        const copied = pick(rand, pool);
        tags.unshift(['e', copied.event.id], ['p', copied.event.pubkey]);
        if (rand() < 0.5) content = copied.json;
      }
      const event = stored(
        fakeSigned(pick(rand, people), { kind, tags, content, created_at: T + Math.floor(rand() * 300) }),
      );
      batch.push(event);
      pool.push(event);
    }
    // Sprinkle deletion requests referencing existing ids and addresses, by random authors.
    for (let i = 0; i < 3; i++) {
      const target = pick(rand, pool).event;
      // Half the requests come from the target's author, so some delete it and withhold its reposts.
      const author = rand() < 0.5 ? people.find((p) => p.pk === target.pubkey)! : pick(rand, people);
      const address = pick(rand, [
        `30023:${author.pk}:x`,
        `30023:${author.pk}:y`,
        `0:${author.pk}:`,
        `10002:${author.pk}:`,
      ]);
      const tags = [
        ['e', target.id],
        ['a', address],
      ];
      batch.push(stored(fakeSigned(author, { kind: 5, created_at: T + Math.floor(rand() * 300), tags })));
    }
    batches.push(batch);
  }
  cached = { batches, pool, people };
  return cached;
}

function randomFilter(rand: () => number, s: Scenario): Filter {
  const f: Filter = {};
  if (rand() < 0.1) f.ids = some(rand, s.pool, 5).map((e) => e.event.id);
  if (rand() < 0.4) f.authors = some(rand, s.people, 3).map((k) => k.pk);
  if (rand() < 0.5) f.kinds = some(rand, KINDS, 3);
  if (rand() < 0.15) f['#e'] = some(rand, s.pool, 3).map((e) => e.event.id);
  if (rand() < 0.15) f['#p'] = some(rand, s.people, 2).map((k) => k.pk);
  if (rand() < 0.15) f['#t'] = some(rand, WORDS, 2);
  if (rand() < 0.05) f['#L'] = ['a'];
  if (rand() < 0.3) f.since = T + Math.floor(rand() * 300);
  if (rand() < 0.3) f.until = T + Math.floor(rand() * 300);
  if (rand() < 0.6) f.limit = Math.floor(rand() * 40);
  if (rand() < 0.2) {
    f.search = some(rand, WORDS, 2)
      .map((w) => (rand() < 0.3 ? w.slice(0, 3) : w))
      .join(' ');
  }
  return f;
}

/** Same operations on backend and oracle, then hundreds of random queries and counts compared. */
export function registerRandomContract(open: OpenStore): void {
  test('randomized: matches the naive oracle', async () => {
    const s = scenario();
    const rand = seededRandom(1388);
    const store = await open();
    const oracle = new NaiveStore();
    try {
      const apply = async (fn: (x: EventStore) => Promise<unknown>, what: string) =>
        assert.deepEqual(await fn(store), await fn(oracle), what);
      for (const [b, batch] of s.batches.entries()) {
        // Several concurrent save calls per batch exercise the writer's batching.
        const parts = [batch.slice(0, 20), batch.slice(20, 45), batch.slice(45)];
        const got = await Promise.all(parts.map((p) => store.save(p)));
        const want = await Promise.all(parts.map((p) => oracle.save(p)));
        assert.deepEqual(got, want, `save outcomes, batch ${b}`);
        for (const e of batch) {
          if (e.event.kind === 5) await apply((x) => x.applyDeletion(e.event), `deletion in batch ${b}`);
        }
        if (b === 25) await apply((x) => x.vanish(s.people[5]!.pk, T + 150), 'vanish');
      }
      for (let i = 0; i < 400; i++) {
        const filters = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => randomFilter(rand, s));
        const maxLimit = pick(rand, [5, 50, 500]);
        const got = await store.query(filters, { maxLimit });
        const want = await oracle.query(filters, { maxLimit });
        const ctx = `query ${i}: ${JSON.stringify(filters)} max ${maxLimit}`;
        assert.deepEqual(
          got.map((e) => e.event.id),
          want.map((e) => e.event.id),
          ctx,
        );
        assert.deepEqual(
          got.map((e) => e.json),
          want.map((e) => e.json),
          ctx,
        );
        assert.equal(await store.count(filters), await oracle.count(filters), `count ${ctx}`);
      }
      await apply((x) => x.purgeExpired(T), 'purge');
      for (const e of s.pool.slice(0, 300)) {
        await apply((x) => x.has(e.event.id), 'has');
        await apply((x) => x.refuses(e.event), 'refuses');
      }
      const order = async (x: EventStore) => {
        const out: string[] = [];
        for await (const e of x.iterate()) out.push(e.event.id);
        return out;
      };
      assert.deepEqual(await order(store), await order(oracle), 'iterate: insertion order');
    } finally {
      await store.close();
    }
  });
}
