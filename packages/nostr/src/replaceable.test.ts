import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dTag, eventAddress, parseAddress, replacementD, replaces } from './replaceable.js';

const pk = 'a'.repeat(64);

test('dTag returns the first d value or empty string', () => {
  assert.equal(dTag({ tags: [] }), '');
  assert.equal(dTag({ tags: [['d']] }), '');
  assert.equal(
    dTag({
      tags: [
        ['e', 'x'],
        ['d', 'one'],
        ['d', 'two'],
      ],
    }),
    'one',
  );
});

test('replacementD is the d tag for addressable kinds, empty for replaceable, none for others', () => {
  assert.equal(replacementD({ kind: 30023, tags: [['d', 'post']] }), 'post');
  assert.equal(replacementD({ kind: 10002, tags: [['d', 'ignored']] }), '');
  assert.equal(replacementD({ kind: 1, tags: [['d', 'x']] }), undefined);
  assert.equal(replacementD({ kind: 20001, tags: [] }), undefined);
});

test('eventAddress distinguishes addressable, replaceable and regular kinds', () => {
  assert.equal(eventAddress({ kind: 30023, pubkey: pk, tags: [['d', 'post']] }), `30023:${pk}:post`);
  assert.equal(eventAddress({ kind: 30023, pubkey: pk, tags: [] }), `30023:${pk}:`);
  assert.equal(eventAddress({ kind: 0, pubkey: pk, tags: [['d', 'ignored']] }), `0:${pk}:`);
  assert.equal(eventAddress({ kind: 1, pubkey: pk, tags: [] }), undefined);
  assert.equal(eventAddress({ kind: 20001, pubkey: pk, tags: [] }), undefined);
});

test('parseAddress keeps colons inside d and rejects malformed addresses', () => {
  assert.deepEqual(parseAddress(`30023:${pk}:a:b`), { kind: 30023, pubkey: pk, d: 'a:b' });
  assert.deepEqual(parseAddress(`1:${pk}:`), { kind: 1, pubkey: pk, d: '' });
  assert.deepEqual(parseAddress(`30311:${pk}:line\nbreak`), { kind: 30311, pubkey: pk, d: 'line\nbreak' });
  for (const bad of [
    `30023:${pk}`,
    `70000:${pk}:x`,
    `123456:${pk}:x`,
    `:${pk}:x`,
    `x:${pk}:x`,
    `-1:${pk}:x`,
    `30023:${pk.toUpperCase()}:x`,
    `30023:${pk}a:x`,
    'nonsense',
    '',
  ]) {
    assert.equal(parseAddress(bad), undefined, bad);
  }
});

test('replaces: newer wins, and on a tie the lowest id (NIP-01)', () => {
  assert.ok(replaces({ created_at: 2, id: 'b' }, { created_at: 1, id: 'a' }));
  assert.ok(!replaces({ created_at: 1, id: 'a' }, { created_at: 2, id: 'b' }));
  assert.ok(replaces({ created_at: 1, id: 'a' }, { created_at: 1, id: 'b' }));
  assert.ok(!replaces({ created_at: 1, id: 'b' }, { created_at: 1, id: 'a' }));
  assert.ok(!replaces({ created_at: 1, id: 'a' }, { created_at: 1, id: 'a' }));
});
