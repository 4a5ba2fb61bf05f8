import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dTag, eventAddress, isAddressable, isEphemeral, isRegular, isReplaceable } from './kinds.js';

const pk = 'a'.repeat(64);

test('kind ranges follow NIP-01 boundaries', () => {
  for (const k of [0, 3, 10000, 19999]) assert.ok(isReplaceable(k), `${k}`);
  for (const k of [1, 2, 4, 9999, 20000, 30000]) assert.ok(!isReplaceable(k), `${k}`);
  assert.ok(isEphemeral(20000) && isEphemeral(29999) && !isEphemeral(30000) && !isEphemeral(19999));
  assert.ok(isAddressable(30000) && isAddressable(39999) && !isAddressable(40000));
  for (const k of [1, 2, 4, 5, 7, 1000, 9999, 40000, 65535]) assert.ok(isRegular(k), `${k}`);
  for (const k of [0, 3, 10002, 22242, 30023]) assert.ok(!isRegular(k), `${k}`);
});

test('dTag returns the first d value or empty string', () => {
  assert.equal(dTag({ tags: [] }), '');
  assert.equal(dTag({ tags: [['d']] }), '');
  assert.equal(dTag({ tags: [['e', 'x'], ['d', 'one'], ['d', 'two']] }), 'one');
});

test('eventAddress distinguishes addressable, replaceable and regular kinds', () => {
  assert.equal(eventAddress({ kind: 30023, pubkey: pk, tags: [['d', 'post']] }), `30023:${pk}:post`);
  assert.equal(eventAddress({ kind: 30023, pubkey: pk, tags: [] }), `30023:${pk}:`);
  assert.equal(eventAddress({ kind: 0, pubkey: pk, tags: [['d', 'ignored']] }), `0:${pk}:`);
  assert.equal(eventAddress({ kind: 1, pubkey: pk, tags: [] }), undefined);
  assert.equal(eventAddress({ kind: 20001, pubkey: pk, tags: [] }), undefined);
});
