import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMuteList, isMuted, parseMuteList } from './mutes.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);
const ev = (over: Partial<SignedEvent>): SignedEvent => ({
  id: h('1'),
  pubkey: h('a'),
  created_at: 1,
  kind: 1,
  tags: [],
  content: 'hello',
  sig: h('f') + h('f'),
  ...over,
});

test('parses public p, t, word and e items, normalized and deduplicated', () => {
  const m = parseMuteList({
    kind: 10000,
    tags: [
      ['p', h('b')],
      ['p', 'bad'],
      ['t', '#Spam'],
      ['t', 'spam'],
      ['word', 'كلمه'],
      ['e', h('2')],
      ['x', 'y'],
    ],
  });
  assert.deepEqual(m, { pubkeys: [h('b')], hashtags: ['spam'], words: ['کلمه'], events: [h('2')] });
  assert.deepEqual(parseMuteList(undefined), { pubkeys: [], hashtags: [], words: [], events: [] });
});

test('build keeps unmanaged tags and content and moves time forward', () => {
  const previous = ev({
    kind: 10000,
    created_at: 500,
    tags: [
      ['p', h('b')],
      ['emoji', 'x'],
    ],
    content: 'encrypted-private-items',
  });
  const t = buildMuteList(
    { ...parseMuteList(undefined), pubkeys: [h('c')], words: ['x'] },
    { previous, created_at: 100 },
  );
  assert.deepEqual(t.tags, [
    ['p', h('c')],
    ['word', 'x'],
    ['emoji', 'x'],
  ]);
  assert.equal(t.content, 'encrypted-private-items');
  assert.equal(t.created_at, 501);
});

test('isMuted hides muted authors, reposts of them, threads, hashtags and words', () => {
  const m = { pubkeys: [h('b')], hashtags: ['spam'], words: ['کلمه'], events: [h('9')] };
  assert.equal(isMuted(ev({}), m), false);
  assert.equal(isMuted(ev({ pubkey: h('b') }), m), true);
  assert.equal(
    isMuted(
      ev({
        kind: 6,
        tags: [
          ['e', h('3')],
          ['p', h('b')],
        ],
      }),
      m,
    ),
    true,
  );
  assert.equal(isMuted(ev({ tags: [['e', h('9'), '', 'root']] }), m), true);
  assert.equal(isMuted(ev({ tags: [['t', 'SPAM']] }), m), true);
  assert.equal(isMuted(ev({ content: 'یک كلمه اینجا' }), m), true, 'Arabic kaf folds to Persian');
});
