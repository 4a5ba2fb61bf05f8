import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBucket } from './token-bucket.js';

test('a new bucket allows exactly its burst, then refuses', () => {
  const b = new TokenBucket(1, 3, 0);
  assert.ok(b.take(1, 0));
  assert.ok(b.take(1, 0));
  assert.ok(b.take(1, 0));
  assert.ok(!b.take(1, 0));
});

test('tokens refill from elapsed time and are capped at burst', () => {
  const b = new TokenBucket(2, 4, 0);
  assert.ok(b.take(4, 0));
  assert.ok(!b.take(1, 499), 'less than one token after 0.499 s at 2/s');
  assert.ok(b.take(1, 500), 'one token after 0.5 s');
  assert.ok(!b.take(1, 500));
  assert.equal(b.available(60_000), 4, 'never more than burst after a long idle');
});

test('take(n) is all or nothing', () => {
  const b = new TokenBucket(1, 5, 0);
  assert.ok(!b.take(6, 0));
  assert.equal(b.available(0), 5);
  assert.ok(b.take(5, 0));
});

test('a clock stepping backwards neither mints tokens nor stalls refill', () => {
  const b = new TokenBucket(1, 2, 10_000);
  assert.ok(b.take(2, 10_000));
  assert.ok(!b.take(1, 5_000));
  assert.ok(!b.take(1, 10_500));
  assert.ok(b.take(1, 11_000));
});
