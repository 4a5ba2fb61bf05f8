import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { NostrEvent } from '@lifeline/nostr';
import { fakeSigned, keys, signed, type EventDraft, type TestKeys } from '@lifeline/testkit';
import type { EventStore, StoredEvent } from './index.js';
import { registerFilterContract } from './contract-filters.js';
import { registerRemovalContract } from './contract-removal.js';
import { registerRandomContract } from './contract-random.js';
import { registerReadContract } from './contract-reads.js';

/** Opens a fresh, empty store for one test. */
export type OpenStore = () => Promise<EventStore>;
/** Reopens a closed store over the same data (omit for backends without persistence). */
export type ReopenStore = (closed: EventStore) => Promise<EventStore>;

const T = 1_700_000_000;

/** Wraps an event the way the relay hands it to a store: serialized once. */
export function stored(event: NostrEvent): StoredEvent {
  return { event, json: JSON.stringify(event) };
}

/**
 * An event as a store receives it, with a right id and a placeholder signature: stores check none, and
 * bulk tests need thousands.
 */
export function fastStored(who: Pick<TestKeys, 'pk'>, draft: EventDraft = {}): StoredEvent {
  return stored(fakeSigned(who, draft));
}

/** Ids in result order, for readable assertion failures. */
export function ids(events: StoredEvent[]): string[] {
  return events.map((e) => e.event.id);
}

/** Runs `body` against a fresh store and always closes it. */
export async function withStore(open: OpenStore, body: (s: EventStore) => Promise<void>) {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/**
 * Registers the node:test suite every EventStore backend must pass: replacement rules, every
 * filter field, NIP-09/40/45/50/62 behaviour, streamed and aborted reads, batching, persistence,
 * and a randomized comparison against the naive oracle (oracle.ts). Ephemeral events are a caller
 * bug: `save` rejects them.
 */
export function runStoreContract(name: string, open: OpenStore, reopen?: ReopenStore): void {
  describe(`EventStore contract: ${name}`, () => {
    const alice = keys();
    const bob = keys();

    test('saves, returns the stored json as-is, and reports duplicates', () =>
      withStore(open, async (s) => {
        const a = stored(signed(alice, { content: 'hello', created_at: T }));
        // Odd but valid spacing proves the store never re-serializes.
        const odd = { event: a.event, json: a.json.replace('{', '{ ') };
        assert.deepEqual(await s.save([odd]), [{ status: 'saved' }]);
        assert.deepEqual(await s.save([a]), [{ status: 'duplicate' }]);
        assert.equal(await s.has(a.event.id), true);
        assert.equal(await s.has(signed(bob).id), false);
        const [got] = await s.query([{ ids: [a.event.id] }], { maxLimit: 10 });
        assert.equal(got?.json, odd.json);
        assert.deepEqual(got?.event, a.event);
      }));

    test('replaceable: newer replaces, older is superseded, a tie keeps the lowest id', () =>
      withStore(open, async (s) => {
        for (const kind of [0, 3, 10002]) {
          const v1 = stored(signed(alice, { kind, created_at: T, content: 'v1' }));
          const v2 = stored(signed(alice, { kind, created_at: T + 10, content: 'v2' }));
          assert.deepEqual(await s.save([v1, v2]), [{ status: 'saved' }, { status: 'saved' }]);
          const old = stored(signed(alice, { kind, created_at: T + 5, content: 'old' }));
          assert.deepEqual(await s.save([old]), [{ status: 'superseded' }]);
          const got = await s.query([{ kinds: [kind], authors: [alice.pk] }], { maxLimit: 10 });
          assert.deepEqual(ids(got), [v2.event.id]);
          assert.equal(await s.has(v1.event.id), false);
          const tieA = stored(signed(alice, { kind, created_at: T + 20, content: 'a' }));
          const tieB = stored(signed(alice, { kind, created_at: T + 20, content: 'b' }));
          const [low, high] = tieA.event.id < tieB.event.id ? [tieA, tieB] : [tieB, tieA];
          assert.deepEqual(await s.save([high, low]), [{ status: 'saved' }, { status: 'saved' }]);
          const winner = await s.query([{ kinds: [kind], authors: [alice.pk] }], { maxLimit: 10 });
          assert.deepEqual(ids(winner), [low.event.id]);
          assert.deepEqual(await s.save([high]), [{ status: 'superseded' }]);
        }
        // Another author's replaceable event is independent.
        const bobs = stored(signed(bob, { kind: 0, created_at: T }));
        assert.deepEqual(await s.save([bobs]), [{ status: 'saved' }]);
      }));

    test('addressable: replaced per (kind, pubkey, d); missing d is the empty d', () =>
      withStore(open, async (s) => {
        const a1 = stored(signed(alice, { kind: 30023, created_at: T, tags: [['d', 'post']] }));
        const b1 = stored(signed(alice, { kind: 30023, created_at: T, tags: [['d', 'other']] }));
        const none = stored(signed(alice, { kind: 30023, created_at: T }));
        const empty = stored(signed(alice, { kind: 30023, created_at: T + 1, tags: [['d', '']] }));
        const a2 = stored(signed(alice, { kind: 30023, created_at: T + 1, tags: [['d', 'post']] }));
        const bobPost = stored(signed(bob, { kind: 30023, created_at: T, tags: [['d', 'post']] }));
        const out = await s.save([a1, b1, none, empty, a2, bobPost]);
        assert.deepEqual(
          out.map((o) => o.status),
          ['saved', 'saved', 'saved', 'saved', 'saved', 'saved'],
        );
        const got = await s.query([{ kinds: [30023] }], { maxLimit: 10 });
        assert.deepEqual(new Set(ids(got)), new Set([b1, empty, a2, bobPost].map((e) => e.event.id)));
        assert.deepEqual(await s.save([a1]), [{ status: 'superseded' }]);
      }));

    test('ephemeral events are refused by save (the relay must not pass them)', () =>
      withStore(open, async (s) => {
        await assert.rejects(s.save([stored(signed(alice, { kind: 20001 }))]));
        assert.equal(await s.count([{}]), 0);
      }));

    test('a malformed event rejects its own call and loses nothing else', () =>
      withStore(open, async (s) => {
        const good = stored(signed(alice, { content: 'good' }));
        const bad = stored(signed(alice, { content: 'bad' }));
        const broken = { event: { ...bad.event, id: 'nope' }, json: bad.json };
        const results = await Promise.allSettled([s.save([good]), s.save([broken])]);
        assert.equal(results[0].status, 'fulfilled');
        assert.equal(results[1].status, 'rejected');
        assert.deepEqual(ids(await s.query([{}], { maxLimit: 10 })), [good.event.id]);
      }));

    test('concurrent saves are all committed, in order, beyond one batch', () =>
      withStore(open, async (s) => {
        const key = keys();
        const events = Array.from({ length: 1500 }, (_, i) => stored(fakeSigned(key, { created_at: T + i })));
        const saves = events.map((e) => s.save([e]));
        const v1 = stored(signed(key, { kind: 0, created_at: T, content: 'v1' }));
        const v2 = stored(signed(key, { kind: 0, created_at: T + 1, content: 'v2' }));
        const [r1, r2] = await Promise.all([s.save([v2]), s.save([v1])]);
        assert.deepEqual([r1, r2], [[{ status: 'saved' }], [{ status: 'superseded' }]]);
        assert.ok((await Promise.all(saves)).every((r) => r[0]?.status === 'saved'));
        assert.equal(await s.count([{ kinds: [1] }]), 1500);
        let n = 0;
        for await (const e of s.iterate()) if (e.event.kind === 1) assert.equal(e.event.id, events[n++]!.event.id);
        assert.equal(n, 1500);
      }));

    registerFilterContract(open, alice, bob);
    registerRemovalContract(open, alice, bob);
    registerReadContract(open);

    test('data survives close and reopen', { skip: reopen === undefined }, async () => {
      const s = await open();
      const a = stored(signed(alice, { content: 'durable', tags: [['t', 'x']] }));
      await s.save([a]);
      await s.close();
      const again = await reopen!(s);
      try {
        assert.deepEqual(ids(await again.query([{ '#t': ['x'] }], { maxLimit: 5 })), [a.event.id]);
        assert.equal(await again.count([{ search: 'durable' }]), 1);
      } finally {
        await again.close();
      }
    });

    registerRandomContract(open);
  });
}
