import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expirationOf, isExpired, isLive } from './nip40.js';

test('expirationOf reads the first expiration tag', () => {
  assert.equal(expirationOf({ tags: [] }), undefined);
  assert.equal(expirationOf({ tags: [['expiration', '1600000000']] }), 1600000000);
  assert.equal(
    expirationOf({
      tags: [
        ['t', 'x'],
        ['expiration', '5'],
        ['expiration', '9'],
      ],
    }),
    5,
  );
  for (const bad of ['', 'soon', '-5', '1.5', '1e9', ' 5']) {
    assert.equal(expirationOf({ tags: [['expiration', bad]] }), undefined, bad);
  }
  assert.equal(expirationOf({ tags: [['expiration']] }), undefined);
});

test('isExpired compares with now', () => {
  const e = { tags: [['expiration', '100']] };
  assert.ok(!isExpired(e, 99));
  assert.ok(isExpired(e, 100));
  assert.ok(isExpired(e, 101));
  assert.ok(!isExpired({ tags: [] }, 1e12));
});

test('isLive: an expiration hides the event from its own second on', () => {
  assert.ok(isLive(undefined, 1e12));
  assert.ok(isLive(100, 99));
  assert.ok(!isLive(100, 100));
  assert.ok(!isLive(100, 101));
});
