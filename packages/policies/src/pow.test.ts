import { test } from 'node:test';
import assert from 'node:assert/strict';
import { leadingZeroBits, powDifficulty, requirePow } from './pow.js';
import { fakeEvent, fakeInput } from './fixture.js';

test('leadingZeroBits matches the NIP-13 example and nibble boundaries', () => {
  assert.equal(leadingZeroBits('000000000e9d97a1ab09fc381030b346cdd7a142ad57e6df0b46dc9bef6c7e2d'), 36);
  assert.equal(leadingZeroBits('f' + '0'.repeat(63)), 0);
  assert.equal(leadingZeroBits('8' + '0'.repeat(63)), 0);
  assert.equal(leadingZeroBits('7' + '0'.repeat(63)), 1);
  assert.equal(leadingZeroBits('1' + '0'.repeat(63)), 3);
  assert.equal(leadingZeroBits('01' + '0'.repeat(62)), 7);
  assert.equal(leadingZeroBits('0'.repeat(64)), 256);
});

test('a committed nonce target caps the difficulty', () => {
  const id = '0000' + 'f'.repeat(60); // 16 bits
  assert.equal(powDifficulty({ id, tags: [] }), 16);
  assert.equal(powDifficulty({ id, tags: [['nonce', '123', '8']] }), 8);
  assert.equal(powDifficulty({ id, tags: [['nonce', '123', '20']] }), 16);
  assert.equal(powDifficulty({ id, tags: [['nonce', '123']] }), 16);
  assert.equal(powDifficulty({ id, tags: [['nonce', '123', 'x']] }), 16);
});

test('requirePow passes at the boundary and explains a shortfall', () => {
  const p = requirePow(16);
  assert.equal(p(fakeInput(fakeEvent({ id: '0000' + 'f'.repeat(60) }))), undefined);
  assert.equal(p(fakeInput(fakeEvent({ id: '0001' + 'f'.repeat(60) }))), 'pow: difficulty 15 is less than 16');
  assert.equal(
    p(fakeInput(fakeEvent({ id: '0'.repeat(8) + 'f'.repeat(56), tags: [['nonce', '1', '8']] }))),
    'pow: difficulty 8 is less than 16',
  );
});
