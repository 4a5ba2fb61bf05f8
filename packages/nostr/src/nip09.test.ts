import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deletionTargets } from './nip09.js';

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
