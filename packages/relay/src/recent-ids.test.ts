import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RecentIds } from './recent-ids.js';

test('an id is remembered for at least one window and forgotten after two', () => {
  let now = 0;
  const recent = new RecentIds(1000, () => now);
  recent.add('a');
  now = 999;
  assert.equal(recent.has('a'), true);
  now = 1500;
  recent.add('b');
  assert.equal(recent.has('a'), true, 'still in the previous generation');
  now = 2600;
  assert.equal(recent.has('a'), false);
  assert.equal(recent.has('b'), true);
  now = 10_000;
  assert.equal(recent.has('b'), false, 'a long silence drops both generations');
});
