import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateAuthEvent } from './nip42.js';

const now = 1_700_000_000;
const expected = { challenge: 'c-123', relayUrl: 'wss://relay.example.com', now };
const auth = (over: { kind?: number; created_at?: number; tags?: string[][] } = {}) => ({
  kind: 22242,
  created_at: now,
  tags: [
    ['relay', 'wss://Relay.Example.com/'],
    ['challenge', 'c-123'],
  ],
  ...over,
});

test('accepts a matching AUTH event, normalizing the relay url', () => {
  assert.equal(validateAuthEvent(auth(), expected), undefined);
  assert.equal(validateAuthEvent(auth({ created_at: now - 600 }), expected), undefined);
  assert.equal(validateAuthEvent(auth({ created_at: now + 600 }), expected), undefined);
  const tags = [
    ['challenge', 'c-123'],
    ['relay', 'wss://relay.example.com:443'],
  ];
  assert.equal(validateAuthEvent(auth({ tags }), expected), undefined);
});

test('rejects wrong kind, stale time, challenge or relay', () => {
  const cases: Array<[ReturnType<typeof auth>, RegExp]> = [
    [auth({ kind: 1 }), /kind/],
    [auth({ created_at: now - 601 }), /created_at/],
    [auth({ created_at: now + 601 }), /created_at/],
    [auth({ tags: [['relay', 'wss://relay.example.com']] }), /challenge/],
    [
      auth({
        tags: [
          ['relay', 'wss://relay.example.com'],
          ['challenge', 'other'],
        ],
      }),
      /challenge/,
    ],
    [auth({ tags: [['challenge', 'c-123']] }), /relay/],
    [
      auth({
        tags: [
          ['relay', 'wss://evil.example.com'],
          ['challenge', 'c-123'],
        ],
      }),
      /relay/,
    ],
    [
      auth({
        tags: [
          ['relay', 'not a url'],
          ['challenge', 'c-123'],
        ],
      }),
      /relay/,
    ],
  ];
  for (const [event, re] of cases) {
    const r = validateAuthEvent(event, expected);
    assert.ok(r, JSON.stringify(event));
    assert.match(r, /^invalid: /);
    assert.match(r, re);
  }
});
