import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeEvent } from '@lifeline/testkit';
import { pubkeyRateLimit } from './rate-limit.js';
import { fakeInput } from './fixture.js';

const byKey = (k: string) => fakeInput(fakeEvent({ pubkey: k.repeat(64) }));

test('each author gets its own burst, then is rate-limited', () => {
  let now = 0;
  const p = pubkeyRateLimit({ perMinute: 60, burst: 2, clock: () => now });
  assert.equal(p(byKey('a')), undefined);
  assert.equal(p(byKey('a')), undefined);
  assert.match(p(byKey('a')) ?? '', /^rate-limited: /);
  assert.equal(p(byKey('b')), undefined, 'another author is unaffected');
  now = 999;
  assert.match(p(byKey('a')) ?? '', /^rate-limited: /);
  now = 1000;
  assert.equal(p(byKey('a')), undefined, 'one event per second refills');
});

test('imports and sync are not limited by default', () => {
  const p = pubkeyRateLimit({ perMinute: 1, burst: 1, clock: () => 0 });
  const ev = fakeEvent();
  for (let i = 0; i < 5; i++) {
    assert.equal(p(fakeInput(ev, { source: 'import' })), undefined);
    assert.equal(p(fakeInput(ev, { source: 'sync' })), undefined);
  }
  assert.equal(p(fakeInput(ev)), undefined);
  assert.match(p(fakeInput(ev)) ?? '', /^rate-limited/);
});

test('the tracked set is bounded and forgets the least recently seen author', () => {
  const p = pubkeyRateLimit({ perMinute: 1, burst: 1, maxTracked: 2, clock: () => 0 });
  assert.equal(p(byKey('a')), undefined);
  assert.equal(p(byKey('b')), undefined);
  assert.match(p(byKey('a')) ?? '', /rate-limited/, 'a is now the most recently seen');
  assert.equal(p(byKey('c')), undefined, 'evicts b');
  assert.equal(p(byKey('b')), undefined, 'b was forgotten and starts full (evicts a)');
  assert.match(p(byKey('c')) ?? '', /rate-limited/, 'c is still tracked');
});

test("events another process accepted are charged to the author's bucket, which never goes below empty", () => {
  let now = 0;
  const p = pubkeyRateLimit({ perMinute: 60, burst: 3, clock: () => now });
  p.charge('a'.repeat(64));
  p.charge('a'.repeat(64));
  assert.equal(p(byKey('a')), undefined, 'one of three left');
  assert.match(p(byKey('a')) ?? '', /^rate-limited: /);
  for (let i = 0; i < 10; i++) p.charge('a'.repeat(64));
  now = 1000;
  assert.equal(p(byKey('a')), undefined, 'one second refills one event, however much was charged');
  assert.equal(p(byKey('b')), undefined, 'another author is unaffected');
});
