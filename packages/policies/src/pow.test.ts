import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeEvent } from '@lifeline/testkit';
import { requirePow } from './pow.js';
import { fakeInput } from './fixture.js';

const id16 = `0000${'f'.repeat(60)}`;

test('requirePow passes at the boundary and explains a shortfall', () => {
  const p = requirePow(16);
  assert.equal(p(fakeInput(fakeEvent({ id: id16 }))), undefined);
  assert.equal(p(fakeInput(fakeEvent({ id: `0001${'f'.repeat(60)}` }))), 'pow: difficulty 15 is less than 16');
  assert.equal(p(fakeInput(fakeEvent({ id: 'f'.repeat(64) }))), 'pow: difficulty 0 is less than 16');
});

test('a committed nonce target below the minimum fails even with a lucky id', () => {
  const p = requirePow(16);
  const lucky = '0'.repeat(8) + 'f'.repeat(56);
  assert.equal(
    p(fakeInput(fakeEvent({ id: lucky, tags: [['nonce', '1', '8']] }))),
    'pow: difficulty 8 is less than 16',
  );
  assert.equal(p(fakeInput(fakeEvent({ id: lucky, tags: [['nonce', '1', '16']] }))), undefined);
  assert.equal(p(fakeInput(fakeEvent({ id: id16, tags: [['nonce', '1', '20']] }))), undefined);
});
