import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionTargets, deletionWithholdsRepost, repostedEvent } from './nip09.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test("deletionTargets collects e ids and the author's own a addresses of kind 5", () => {
  const tags = [
    ['e', A],
    ['e', A],
    ['e', 'short'],
    ['e'],
    ['e', A.toUpperCase()],
    ['a', `30023:${B}:my-post`],
    ['a', `30023:${B}:`],
    ['a', `0:${B}:`],
    ['a', `10002:${B}:ignored`],
    ['a', `30023:${B}:a:b`],
    ['a', `1:${B}:x:y`],
    ['a', `20001:${B}:`],
    ['a', `30023:${A}:theirs`],
    ['a', 'nonsense'],
    ['a', `99999999:${B}:x`],
    ['a', `x:${B}:x`],
    ['a'],
    ['k', '1'],
    ['p', B],
  ];
  assert.deepEqual(deletionTargets({ kind: 5, pubkey: B, tags }), {
    ids: [A],
    addresses: [
      { kind: 30023, pubkey: B, d: 'my-post' },
      { kind: 30023, pubkey: B, d: '' },
      { kind: 0, pubkey: B, d: '' },
      { kind: 10002, pubkey: B, d: '' },
      { kind: 30023, pubkey: B, d: 'a:b' },
    ],
  });
  assert.deepEqual(deletionTargets({ kind: 1, pubkey: B, tags }), { ids: [], addresses: [] });
});

test('deletionTargets keeps e ids of any author: the author check is against the stored event', () => {
  assert.deepEqual(
    deletionTargets({
      kind: 5,
      pubkey: B,
      tags: [
        ['e', A],
        ['e', B],
      ],
    }).ids,
    [A, B],
  );
});

test('repostedEvent: first e tag, author from the embedded event with that id, else the p tag', () => {
  const embedded = JSON.stringify({ id: A, pubkey: B, kind: 1, content: 'x' });
  assert.deepEqual(
    repostedEvent({
      kind: 6,
      tags: [
        ['e', A],
        ['p', A],
      ],
      content: embedded,
    }),
    { id: A, pubkey: B },
  );
  assert.deepEqual(
    repostedEvent({
      kind: 16,
      tags: [
        ['e', A],
        ['p', B],
        ['k', '30023'],
      ],
      content: '',
    }),
    {
      id: A,
      pubkey: B,
    },
  );
  // An embedded event with another id says nothing about this one's author: the p tag decides.
  const other = JSON.stringify({ id: B, pubkey: A });
  assert.deepEqual(
    repostedEvent({
      kind: 6,
      tags: [
        ['e', A],
        ['p', B],
      ],
      content: other,
    }),
    { id: A, pubkey: B },
  );
  assert.equal(repostedEvent({ kind: 6, tags: [['e', A]], content: '{not json' }), undefined);
  assert.equal(repostedEvent({ kind: 6, tags: [['p', B]], content: '' }), undefined);
  assert.equal(
    repostedEvent({
      kind: 1,
      tags: [
        ['e', A],
        ['p', B],
      ],
      content: '',
    }),
    undefined,
  );
});

test("deletionWithholdsRepost: only the copied event's author deleting that event", () => {
  const repost = {
    kind: 6,
    tags: [
      ['e', A],
      ['p', B],
    ],
    content: '',
  };
  assert.equal(deletionWithholdsRepost({ kind: 5, pubkey: B, tags: [['e', A]] }, repost), true);
  assert.equal(deletionWithholdsRepost({ kind: 5, pubkey: A, tags: [['e', A]] }, repost), false);
  assert.equal(deletionWithholdsRepost({ kind: 5, pubkey: B, tags: [['e', B]] }, repost), false);
  assert.equal(deletionWithholdsRepost({ kind: 1, pubkey: B, tags: [['e', A]] }, repost), false);
});
