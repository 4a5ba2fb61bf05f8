import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestPerAddress, pickNewestReplaceable } from './replaceable.js';
import type { SignedEvent } from './types.js';

const h = (c: string) => c.repeat(64);
const version = (created_at: number, id: string, kind = 3, tags: string[][] = [], pubkey = h('a')): SignedEvent => ({
  id,
  pubkey,
  created_at,
  kind,
  tags,
  content: '',
  sig: h('f') + h('f'),
});

test('pickNewestReplaceable takes the newest, and on a tie the lowest id', () => {
  const a = version(10, h('3'));
  const b = version(12, h('5'));
  const c = version(12, h('4'));
  assert.equal(pickNewestReplaceable([a, b, c]), c);
  assert.equal(pickNewestReplaceable([]), undefined);
});

test('newestPerAddress keeps one version per kind, author and d tag', () => {
  const blog = (created_at: number, id: string, d: string, pubkey = h('a')) =>
    version(created_at, id, 30311, [['d', d]], pubkey);
  const oldMonday = blog(10, h('1'), 'monday');
  const newMonday = blog(20, h('2'), 'monday');
  const tieMonday = blog(20, h('0'), 'monday');
  const tuesday = blog(5, h('3'), 'tuesday');
  const otherAuthor = blog(1, h('4'), 'monday', h('b'));
  assert.deepEqual(newestPerAddress([oldMonday, tuesday, newMonday, otherAuthor]), [newMonday, tuesday, otherAuthor]);
  assert.deepEqual(newestPerAddress([newMonday, tieMonday]), [tieMonday], 'a tie goes to the lowest id');
  const noD = version(1, h('5'), 30311);
  const emptyD = version(2, h('6'), 30311, [['d', '']]);
  assert.deepEqual(newestPerAddress([noD, emptyD]), [emptyD], 'a missing d tag is the empty d');
  assert.deepEqual(newestPerAddress([]), []);
});
