import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadingZeroBits, meetsPow, powOf } from './nip13.js';
import { computeEventId } from './event.js';

test('leadingZeroBits matches the NIP-13 example', () => {
  assert.equal(leadingZeroBits('000000000e9d97a1ab09fc381030b346cdd7a142ad57e6df0b46dc9bef6c7e2d'), 36);
  assert.equal(leadingZeroBits('f'.repeat(64)), 0);
  assert.equal(leadingZeroBits(`7${'f'.repeat(63)}`), 1);
  assert.equal(leadingZeroBits(`1${'f'.repeat(63)}`), 3);
  assert.equal(leadingZeroBits(`08${'f'.repeat(62)}`), 4);
  assert.equal(leadingZeroBits('0'.repeat(64)), 256);
});

// The mined note from NIP-13.
const mined = {
  id: '000006d8c378af1779d2feebc7603a125d99eca0ccf1085959b307f64e5dd358',
  pubkey: 'a48380f4cfcc1ad5378294fcac36439770f9c878dd880ffa94bb74ea54a6f243',
  created_at: 1651794653,
  kind: 1,
  tags: [['nonce', '776797', '20']],
  content: "It's just me mining my own business",
};

test('the NIP-13 mined note has a valid id, 21 bits and a committed target of 20', () => {
  assert.equal(computeEventId(mined), mined.id);
  assert.deepEqual(powOf(mined), { bits: 21, target: 20 });
  assert.ok(meetsPow(mined, 20));
  assert.ok(!meetsPow(mined, 21), 'lucky bits above the committed target do not count');
});

test('meetsPow handles missing and malformed commitments', () => {
  const id = `0000${'f'.repeat(60)}`; // 16 bits
  assert.ok(meetsPow({ id, tags: [] }, 16));
  assert.ok(!meetsPow({ id, tags: [] }, 16, { requireTarget: true }));
  assert.ok(!meetsPow({ id, tags: [] }, 17));
  assert.deepEqual(powOf({ id, tags: [['nonce', '1']] }), { bits: 16 });
  assert.deepEqual(powOf({ id, tags: [['nonce', '1', 'x']] }), { bits: 16 });
  assert.ok(meetsPow({ id: 'f'.repeat(64), tags: [] }, 0));
});
