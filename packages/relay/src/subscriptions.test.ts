import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Filter, NostrEvent } from '@lifeline/nostr';
import { matchFilters } from '@lifeline/nostr';
import { seededRandom } from '@lifeline/testkit';
import { Outgoing, SubscriptionIndex, type Subscription } from './subscriptions.js';

const hex = (n: number) => n.toString(16).padStart(64, '0');

function ev(over: Partial<NostrEvent>): NostrEvent {
  return {
    id: hex(1),
    pubkey: hex(100),
    created_at: 1000,
    kind: 1,
    tags: [],
    content: '',
    sig: '0'.repeat(128),
    ...over,
  };
}

function sub(id: string, filters: Filter[], got: string[]): Subscription {
  return { id, filters, deliver: (out) => got.push(`${id}:${out.event.id.slice(-2)}`) };
}

test('delivers once per subscription even when several filters and buckets match', () => {
  const idx = new SubscriptionIndex();
  const got: string[] = [];
  const s = sub('s', [{ authors: [hex(100)] }, { kinds: [1] }, { '#t': ['x'] }, {}], got);
  idx.add(s);
  idx.dispatch(
    new Outgoing(
      ev({
        tags: [
          ['t', 'x'],
          ['t', 'x'],
        ],
      }),
      '{}',
    ),
  );
  assert.deepEqual(got, ['s:01']);
});

test('removal stops delivery and empties the buckets', () => {
  const idx = new SubscriptionIndex();
  const got: string[] = [];
  const s = sub('s', [{ ids: [hex(1)] }, { '#e': [hex(9)] }], got);
  idx.add(s);
  assert.equal(idx.size, 1);
  idx.remove(s);
  idx.dispatch(new Outgoing(ev({ tags: [['e', hex(9)]] }), '{}'));
  assert.deepEqual(got, []);
  assert.equal(idx.size, 0);
});

test('matches exactly what a full scan with matchFilters would, on random filters and events', () => {
  const random = seededRandom(42);
  const rnd = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: T[]) => xs[rnd(xs.length)]!;
  const authors = [hex(100), hex(101), hex(102)];
  const filters = (): Filter[] =>
    Array.from({ length: 1 + rnd(2) }, () => {
      const f: Filter = {};
      if (rnd(4) === 0) f.ids = [hex(1 + rnd(20))];
      if (rnd(2) === 0) f.authors = [pick(authors)];
      if (rnd(2) === 0) f.kinds = [rnd(3)];
      if (rnd(3) === 0) f['#t'] = [pick(['a', 'b', 'c'])];
      if (rnd(4) === 0) f.since = 1000 + rnd(50);
      return f;
    });
  const idx = new SubscriptionIndex();
  const all: Subscription[] = [];
  const got: string[] = [];
  for (let i = 0; i < 300; i++) {
    const s = sub(`s${i}`, filters(), got);
    all.push(s);
    idx.add(s);
  }
  const removed = new Set<Subscription>();
  for (let i = 0; i < 100; i++) {
    const s = all[rnd(all.length)]!;
    idx.remove(s);
    removed.add(s);
  }
  for (let i = 0; i < 500; i++) {
    const e = ev({
      id: hex(1 + rnd(20)),
      pubkey: pick(authors),
      kind: rnd(3),
      created_at: 1000 + rnd(60),
      tags: rnd(2) ? [['t', pick(['a', 'b', 'c'])]] : [],
    });
    got.length = 0;
    idx.dispatch(new Outgoing(e, '{}'));
    const expected = all
      .filter((s) => !removed.has(s) && matchFilters(s.filters, e))
      .map((s) => s.id)
      .sort();
    assert.deepEqual(got.map((g) => g.split(':')[0]).sort(), expected);
  }
});
