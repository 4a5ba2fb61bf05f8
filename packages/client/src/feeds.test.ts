import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  everyoneFilter,
  hashtagFilter,
  homeFilter,
  mergeNewest,
  nextPageUntil,
  profileFilter,
  searchFilter,
  threadFilter,
} from './feeds.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);
const ev = (id: string, created_at: number): SignedEvent => ({
  id: h(id),
  pubkey: h('a'),
  created_at,
  kind: 1,
  tags: [],
  content: id,
  sig: h('f') + h('f'),
});

test('filters for home, everyone, profile, thread, hashtag and search', () => {
  assert.deepEqual(homeFilter(h('a'), [h('b'), h('a')], { limit: 20, until: 99 }), [
    { kinds: [1, 6], authors: [h('a'), h('b')], limit: 20, until: 99 },
  ]);
  assert.deepEqual(everyoneFilter(), [{ kinds: [1, 6], limit: 50 }]);
  assert.deepEqual(profileFilter(h('c')), [{ kinds: [1, 6], authors: [h('c')], limit: 50 }]);
  assert.deepEqual(threadFilter(h('d')), [{ ids: [h('d')] }, { kinds: [1], '#e': [h('d')], limit: 500 }]);
  assert.deepEqual(hashtagFilter('#كتاب'), [{ kinds: [1], '#t': ['کتاب'], limit: 50 }]);
  assert.deepEqual(searchFilter(' تهران  '), [{ kinds: [1], search: 'تهران', limit: 50 }]);
  assert.throws(() => searchFilter('  '), /search/);
});

test('mergeNewest keeps newest first, deduplicates and caps', () => {
  const page1 = [ev('3', 30), ev('2', 20)];
  const live = [ev('4', 40), ev('3', 30)];
  const older = [ev('1', 10), ev('2', 20)];
  const t = mergeNewest(mergeNewest(page1, live), older);
  assert.deepEqual(
    t.map((e) => e.content),
    ['4', '3', '2', '1'],
  );
  assert.deepEqual(
    mergeNewest(t, [], 2).map((e) => e.content),
    ['4', '3'],
  );
  assert.equal(nextPageUntil(t), 10);
  assert.equal(nextPageUntil([]), undefined);
});
