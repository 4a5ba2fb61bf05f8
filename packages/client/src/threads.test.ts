import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildThreadTree, parseThread } from './threads.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);

test('marked e tags give root, reply and mentions with relay and author', () => {
  const refs = parseThread({
    tags: [
      ['e', h('1'), 'wss://r', 'root', h('a')],
      ['e', h('3'), '', 'mention'],
      ['e', h('2'), '', 'reply', h('b')],
      ['p', h('a')],
      ['p', h('b')],
      ['p', h('a')],
    ],
  });
  assert.deepEqual(refs, {
    root: { id: h('1'), relay: 'wss://r', pubkey: h('a') },
    reply: { id: h('2'), pubkey: h('b') },
    mentions: [{ id: h('3') }],
    profiles: [h('a'), h('b')],
  });
});

test('a direct reply to the root carries only the root marker', () => {
  const refs = parseThread({ tags: [['e', h('1'), '', 'root']] });
  assert.equal(refs.root?.id, h('1'));
  assert.equal(refs.reply?.id, h('1'));
});

test('deprecated positional tags: first is root, last is reply, middle are mentions', () => {
  assert.deepEqual(parseThread({ tags: [['e', h('1')]] }).reply, { id: h('1') });
  const refs = parseThread({
    tags: [
      ['e', h('1')],
      ['e', h('2')],
      ['e', h('3')],
    ],
  });
  assert.deepEqual([refs.root?.id, refs.mentions.map((m) => m.id), refs.reply?.id], [h('1'), [h('2')], h('3')]);
});

test('no e tags (or malformed ids) means a top-level note', () => {
  assert.deepEqual(
    parseThread({
      tags: [
        ['e', 'nothex'],
        ['q', h('1')],
      ],
    }),
    { mentions: [], profiles: [] },
  );
});

function ev(id: string, created_at: number, tags: string[][] = []): SignedEvent {
  return { id: h(id), pubkey: h('a'), created_at, kind: 1, tags, content: id, sig: 'f'.repeat(128) };
}

test('buildThreadTree nests replies oldest first and keeps orphans apart', () => {
  const root = ev('1', 10);
  const r1 = ev('2', 12, [['e', h('1'), '', 'root']]);
  const r0 = ev('3', 11, [['e', h('1'), '', 'root']]);
  const nested = ev('4', 13, [
    ['e', h('1'), '', 'root'],
    ['e', h('2'), '', 'reply'],
  ]);
  const orphan = ev('5', 14, [
    ['e', h('1'), '', 'root'],
    ['e', h('9'), '', 'reply'],
  ]);
  const tree = buildThreadTree([nested, orphan, r1, root, r0, r1], h('1'));
  assert.equal(tree.root?.event.id, h('1'));
  assert.deepEqual(
    tree.root?.children.map((c) => c.event.content),
    ['3', '2'],
  );
  assert.deepEqual(
    tree.root?.children[1]?.children.map((c) => c.event.content),
    ['4'],
  );
  assert.deepEqual(
    tree.orphans.map((o) => o.event.content),
    ['5'],
  );
});
