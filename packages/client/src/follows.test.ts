import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FollowListError, nextFollowList, parseFollows } from './follows.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);
const list = (created_at: number, tags: string[][], id = h('1'), content = ''): SignedEvent => ({
  id,
  pubkey: h('a'),
  created_at,
  kind: 3,
  tags,
  content,
  sig: h('f') + h('f'),
});

test('follow adds one p tag and preserves petnames, hints, other tags and content', () => {
  const prev = list(
    100,
    [
      ['p', h('b'), 'wss://b', 'bob'],
      ['p', h('c')],
      ['t', 'x'],
    ],
    h('1'),
    '{"wss://r":{"read":true}}',
  );
  const next = nextFollowList(prev, { follow: h('d'), petname: 'dana' }, { created_at: 50 });
  assert.deepEqual(next.tags, [
    ['p', h('b'), 'wss://b', 'bob'],
    ['p', h('c')],
    ['t', 'x'],
    ['p', h('d'), '', 'dana'],
  ]);
  assert.equal(next.content, prev.content);
  assert.equal(next.created_at, 101, 'strictly newer than the newest known, even with a slow clock');
  assert.deepEqual(parseFollows(next), [h('b'), h('c'), h('d')]);
  assert.deepEqual(
    nextFollowList(prev, { follow: h('b') }, { created_at: 200 }).tags,
    prev.tags,
    'following twice changes nothing',
  );
});

test('unfollow removes only that key', () => {
  const prev = list(100, [
    ['p', h('b'), 'wss://b', 'bob'],
    ['p', h('c')],
  ]);
  assert.deepEqual(nextFollowList(prev, { unfollow: h('c') }).tags, [['p', h('b'), 'wss://b', 'bob']]);
});

test('refuses without a loaded list unless the user is new, and never empties by accident', () => {
  assert.throws(
    () => nextFollowList(undefined, { follow: h('b') }),
    (e: unknown) => e instanceof FollowListError && e.code === 'not-loaded',
  );
  assert.deepEqual(nextFollowList(undefined, { follow: h('b') }, { newUser: true }).tags, [['p', h('b')]]);
  const one = list(100, [['p', h('b')]]);
  assert.throws(
    () => nextFollowList(one, { unfollow: h('b') }),
    (e: unknown) => e instanceof FollowListError && e.code === 'would-empty',
  );
  assert.deepEqual(nextFollowList(one, { unfollow: h('b') }, { allowEmpty: true }).tags, []);
  assert.throws(() => nextFollowList(one, { follow: 'npub1xyz' }), /valid public key/);
});
