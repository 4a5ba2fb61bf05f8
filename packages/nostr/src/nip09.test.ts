import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressBelongsTo, deletionTargets, parseAddress } from './nip09.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('deletionTargets collects e and a tags of kind 5, ignoring malformed ones', () => {
  const tags = [
    ['e', A], ['e', A], ['e', 'short'], ['e'], ['e', A.toUpperCase()],
    ['a', `30023:${B}:my-post`], ['a', `30023:${B}:`], ['a', `0:${B}:`], ['a', `1:${B}:x:y`],
    ['a', 'nonsense'], ['a', `99999999:${B}:x`], ['a', `x:${B}:x`], ['k', '1'], ['p', B],
  ];
  assert.deepEqual(deletionTargets({ kind: 5, tags }), {
    ids: [A],
    addresses: [`30023:${B}:my-post`, `30023:${B}:`, `0:${B}:`, `1:${B}:x:y`],
  });
  assert.deepEqual(deletionTargets({ kind: 1, tags }), { ids: [], addresses: [] });
});

test('parseAddress keeps colons inside the d tag', () => {
  assert.deepEqual(parseAddress(`30023:${A}:a:b`), { kind: 30023, pubkey: A, d: 'a:b' });
  assert.equal(parseAddress(`30023:${A}`), undefined);
  assert.equal(parseAddress(`70000:${A}:x`), undefined);
});

test('addressBelongsTo compares the address pubkey with the author', () => {
  assert.ok(addressBelongsTo(`30023:${A}:x`, A));
  assert.ok(!addressBelongsTo(`30023:${B}:x`, A));
  assert.ok(!addressBelongsTo('garbage', A));
});
