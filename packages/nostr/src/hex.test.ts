import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHex128, isHex64 } from './hex.js';

test('isHex64 accepts exactly 64 lowercase hex characters', () => {
  assert.ok(isHex64('0123456789abcdef'.repeat(4)));
  for (const bad of [
    'a'.repeat(63),
    'a'.repeat(65),
    'A'.repeat(64),
    'g'.repeat(64),
    ` ${'a'.repeat(63)}`,
    `${'a'.repeat(64)}\n`,
    64,
    null,
    undefined,
  ]) {
    assert.ok(!isHex64(bad), JSON.stringify(bad));
  }
});

test('isHex128 accepts exactly 128 lowercase hex characters', () => {
  assert.ok(isHex128('0123456789abcdef'.repeat(8)));
  for (const bad of ['a'.repeat(64), 'a'.repeat(127), 'a'.repeat(129), 'F'.repeat(128), 128, {}]) {
    assert.ok(!isHex128(bad), JSON.stringify(bad));
  }
});
