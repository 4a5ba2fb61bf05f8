import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeEvent } from '@lifeline/testkit';
import { createdAtWindow, maxContentBytes, maxTags } from './limits.js';
import { fakeInput } from './fixture.js';

const tags = (n: number) => Array.from({ length: n }, () => ['t', 'x']);

test('maxTags allows exactly n tags and rejects n + 1', () => {
  const p = maxTags(3);
  assert.equal(p(fakeInput(fakeEvent({ tags: tags(3) }))), undefined);
  assert.equal(p(fakeInput(fakeEvent({ tags: tags(4) }))), 'invalid: too many tags (4, max 3)');
});

test('maxContentBytes counts UTF-8 bytes, not characters', () => {
  const p = maxContentBytes(8);
  assert.equal(p(fakeInput(fakeEvent({ content: 'a'.repeat(8) }))), undefined);
  assert.match(p(fakeInput(fakeEvent({ content: 'a'.repeat(9) }))) ?? '', /^invalid: content too long \(9 bytes/);
  assert.equal(p(fakeInput(fakeEvent({ content: 'سلام' }))), undefined, '4 letters, 8 bytes');
  assert.match(p(fakeInput(fakeEvent({ content: 'سلام!' }))) ?? '', /9 bytes, max 8/);
  assert.match(p(fakeInput(fakeEvent({ content: '😀😀😀' }))) ?? '', /12 bytes/);
  assert.equal(p(fakeInput(fakeEvent({ content: '' }))), undefined);
});

test('createdAtWindow rejects the future past its bound, inclusive at the edge', () => {
  const p = createdAtWindow({ pastSeconds: 0, futureSeconds: 900 });
  const now = 1_700_000_000;
  assert.equal(p(fakeInput(fakeEvent({ created_at: now + 900 }), { now })), undefined);
  assert.match(p(fakeInput(fakeEvent({ created_at: now + 901 }), { now })) ?? '', /^invalid: .*future/);
});

test('createdAtWindow with pastSeconds 0 accepts any old event', () => {
  const p = createdAtWindow({ pastSeconds: 0, futureSeconds: 0 });
  assert.equal(p(fakeInput(fakeEvent({ created_at: 0 }), { now: 1_700_000_000 })), undefined);
});

test('createdAtWindow with pastSeconds > 0 rejects older events', () => {
  const p = createdAtWindow({ pastSeconds: 3600, futureSeconds: 0 });
  const now = 1_700_000_000;
  assert.equal(p(fakeInput(fakeEvent({ created_at: now - 3600 }), { now })), undefined);
  assert.match(p(fakeInput(fakeEvent({ created_at: now - 3601 }), { now })) ?? '', /^invalid: .*past/);
  assert.match(p(fakeInput(fakeEvent({ created_at: now + 1 }), { now })) ?? '', /future/);
});
