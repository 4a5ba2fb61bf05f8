import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeEvent } from 'nostr-tools/pure';
import { keys, signed } from '@lifeline/testkit';
import { verifiedEvent } from './verify.js';
import { matchesFilter } from './filter-match.js';

const me = keys();
const good = () => signed(me, { kind: 1, created_at: 1000, tags: [['t', 'ایران']], content: 'hello' });

test('verifiedEvent accepts a real signature and returns a clean copy', () => {
  const e = { ...good(), extra: 'dropped' };
  const v = verifiedEvent(e);
  assert.ok(v);
  assert.deepEqual(Object.keys(v).sort(), ['content', 'created_at', 'id', 'kind', 'pubkey', 'sig', 'tags']);
});

test('verifiedEvent rejects tampered content, id or signature and malformed shapes', () => {
  assert.equal(verifiedEvent({ ...good(), content: 'hellO' }), undefined);
  const g = good();
  const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
  assert.equal(verifiedEvent({ ...g, id: flip(g.id) }), undefined);
  assert.equal(verifiedEvent({ ...g, sig: flip(g.sig) }), undefined);
  for (const bad of [
    null,
    'x',
    1,
    {},
    { ...g, tags: [[1]] },
    { ...g, kind: -1 },
    { ...g, created_at: 1.5 },
    { ...g, id: g.id.toUpperCase() },
  ]) {
    assert.equal(verifiedEvent(bad), undefined);
  }
});

test('verifiedEvent applies the NIP-01 shape rules of @lifeline/nostr: no empty tags, even signed', () => {
  const e = signed(me, { kind: 1, created_at: 1000, tags: [['t', 'x'], []], content: 'hello' });
  assert.equal(verifiedEvent(e), undefined);
});

test('verifiedEvent copies the tag arrays: later edits of the input do not reach the result', () => {
  const e = good();
  const v = verifiedEvent(e)!;
  e.tags[0]![1] = 'changed';
  assert.equal(v.tags[0]![1], 'ایران');
});

test('verifiedEvent does not trust a verified mark left on a mutated object', () => {
  const e = finalizeEvent({ kind: 1, created_at: 1000, tags: [], content: 'original' }, me.sk);
  e.content = 'forged';
  assert.equal(verifiedEvent(e), undefined);
});

test('matchesFilter checks ids, kinds, authors, time range and tags (hashtags folded)', () => {
  const e = good();
  assert.equal(matchesFilter({ kinds: [1], authors: [e.pubkey], since: 1000, until: 1000 }, e), true);
  assert.equal(matchesFilter({ kinds: [7] }, e), false);
  assert.equal(matchesFilter({ until: 999 }, e), false);
  assert.equal(matchesFilter({ '#t': ['#ايران'] }, e), true, 'Arabic yeh folds to Persian yeh');
  assert.equal(matchesFilter({ '#e': ['x'] }, e), false);
  assert.equal(matchesFilter({ search: 'anything' }, e), true);
});
