import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { finalizeEvent, generateSecretKey, getEventHash } from 'nostr-tools/pure';
import { computeEventId, hasValidId, serializeEvent, sha256Hex, validateEventShape } from './event.js';
import type { NostrEvent } from './types.js';

// Characters that stress JSON escaping: controls, quotes, backslash, BMP and astral unicode.
const ALPHABET = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  '"',
  '\\',
  '/',
  '\u007f',
  '\u2028',
  '\u2029',
  'a',
  ' ',
  'ی',
  'ک',
  '\u200c',
  '\u200f',
  '😀',
  '👩‍👩‍👧',
  'é',
  'e\u0301',
  '\ufeff',
  '中',
];

function randomText(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

function randomEvent(): NostrEvent {
  return {
    id: '',
    pubkey: randomBytes(32).toString('hex'),
    created_at: randomInt(2 ** 40),
    kind: randomInt(65536),
    tags: Array.from({ length: randomInt(4) }, () =>
      Array.from({ length: 1 + randomInt(3) }, () => randomText(randomInt(6))),
    ),
    content: randomText(randomInt(40)),
    sig: '0'.repeat(128),
  };
}

test('serializeEvent follows the NIP-01 array layout', () => {
  const e = { pubkey: 'ab', created_at: 1, kind: 1, tags: [['t', 'x']], content: 'a\n"b"' };
  assert.equal(serializeEvent(e), '[0,"ab",1,1,[["t","x"]],"a\\n\\"b\\""]');
});

test('computeEventId agrees with nostr-tools getEventHash on random unicode events', () => {
  for (let i = 0; i < 300; i++) {
    const e = randomEvent();
    assert.equal(computeEventId(e), getEventHash(e), JSON.stringify(e));
  }
});

test('sha256Hex matches the FIPS 180-2 vectors and node:crypto on random text', () => {
  assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  // Lone surrogates included: both encode them as U+FFFD.
  for (const text of [
    '\ud800',
    'a\udfffb',
    randomText(1000),
    ...Array.from({ length: 200 }, () => randomText(randomInt(300))),
  ]) {
    assert.equal(sha256Hex(text), createHash('sha256').update(text, 'utf8').digest('hex'), JSON.stringify(text));
  }
});

test('computeEventId and hasValidId hash with the function they are given', () => {
  const e = randomEvent();
  const calls: string[] = [];
  const hash = (text: string) => {
    calls.push(text);
    return createHash('sha256').update(text, 'utf8').digest('hex');
  };
  assert.equal(computeEventId(e, hash), computeEventId(e));
  assert.deepEqual(calls, [serializeEvent(e)]);
  assert.ok(hasValidId({ ...e, id: computeEventId(e) }, hash));
});

test('hasValidId accepts signed events and rejects tampered ones', () => {
  const signed = finalizeEvent(
    { kind: 1, created_at: 1700000000, tags: [['t', 'ایران']], content: 'سلام 😀' },
    generateSecretKey(),
  );
  assert.ok(hasValidId(signed));
  assert.ok(!hasValidId({ ...signed, content: 'سلام' }));
});

test('validateEventShape returns a clean copy with exactly seven fields', () => {
  const signed = finalizeEvent({ kind: 1, created_at: 1, tags: [], content: '' }, generateSecretKey());
  const r = validateEventShape({ ...signed, extra: 1, seenOn: ['x'] });
  assert.ok(r.ok);
  assert.deepEqual(Object.keys(r.event).sort(), ['content', 'created_at', 'id', 'kind', 'pubkey', 'sig', 'tags']);
  assert.equal(r.event.id, signed.id);
});

test('validateEventShape rejects each malformed field', () => {
  const good: Record<string, unknown> = {
    id: 'a'.repeat(64),
    pubkey: 'b'.repeat(64),
    sig: 'c'.repeat(128),
    created_at: 0,
    kind: 0,
    tags: [['e', 'x'], ['-']],
    content: '',
  };
  assert.ok(validateEventShape(good).ok);
  const cases: Array<[string, unknown, RegExp]> = [
    ['id', 'A'.repeat(64), /id/],
    ['id', 'a'.repeat(63), /id/],
    ['id', undefined, /id/],
    ['pubkey', 'g'.repeat(64), /pubkey/],
    ['pubkey', 5, /pubkey/],
    ['sig', 'c'.repeat(127), /sig/],
    ['sig', 'C'.repeat(128), /sig/],
    ['created_at', -1, /created_at/],
    ['created_at', 1.5, /created_at/],
    ['created_at', '1', /created_at/],
    ['created_at', 2 ** 53, /created_at/],
    ['kind', 65536, /kind/],
    ['kind', -1, /kind/],
    ['kind', 1.1, /kind/],
    ['kind', null, /kind/],
    ['tags', {}, /tags/],
    ['tags', [[]], /non-empty/],
    ['tags', ['e'], /non-empty/],
    ['tags', [['e', 1]], /strings/],
    ['tags', [['e', null]], /strings/],
    ['content', 1, /content/],
    ['content', null, /content/],
  ];
  for (const [field, value, re] of cases) {
    const r = validateEventShape({ ...good, [field]: value });
    assert.equal(r.ok, false, `${field}=${JSON.stringify(value)}`);
    if (!r.ok) {
      assert.match(r.reason, re);
      assert.match(r.reason, /^invalid: /);
    }
  }
  for (const bad of [null, 'x', [], 3]) assert.equal(validateEventShape(bad).ok, false);
});

test('validateEventShape enforces optional limits', () => {
  const e = {
    id: 'a'.repeat(64),
    pubkey: 'b'.repeat(64),
    sig: 'c'.repeat(128),
    created_at: 0,
    kind: 1,
    tags: [['a'], ['b']],
    content: 'hello',
  };
  assert.ok(validateEventShape(e, { maxTags: 2, maxContentLength: 5 }).ok);
  assert.equal(validateEventShape(e, { maxTags: 1 }).ok, false);
  assert.equal(validateEventShape(e, { maxContentLength: 4 }).ok, false);
});
