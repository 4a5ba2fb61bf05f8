import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { checkHttpAuth } from './nip98.js';
import type { NostrEvent } from './types.js';

const now = 1_700_000_000;
const url = 'https://node.example/api/intake/messages?status=new';
const token = (tags: string[][], over: Partial<NostrEvent> = {}): NostrEvent => ({
  id: '0'.repeat(64),
  pubkey: 'a'.repeat(64),
  created_at: now,
  kind: 27235,
  tags,
  content: '',
  sig: '0'.repeat(128),
  ...over,
});

test('a token for this URL and method, made just now, passes', () => {
  assert.deepEqual(
    checkHttpAuth(
      token([
        ['u', url],
        ['method', 'GET'],
      ]),
      { url, method: 'GET', now },
    ),
    { ok: true },
  );
  // Host case and default port do not matter.
  const same = 'https://NODE.example:443/api/intake/messages?status=new';
  assert.equal(
    checkHttpAuth(
      token([
        ['u', same],
        ['method', 'get'],
      ]),
      { url, method: 'GET', now },
    ).ok,
    true,
  );
});

test('wrong kind, URL, method or time is refused with the reason', () => {
  const ok = [
    ['u', url],
    ['method', 'GET'],
  ];
  const cases: Array<[NostrEvent, RegExp]> = [
    [token(ok, { kind: 22242 }), /kind 27235/],
    [
      token([
        ['u', `${url}&x=1`],
        ['method', 'GET'],
      ]),
      /another URL/,
    ],
    [token([['method', 'GET']]), /another URL/],
    [
      token([
        ['u', url],
        ['method', 'POST'],
      ]),
      /another method/,
    ],
    [token(ok, { created_at: now - 61 }), /too old/],
    [token(ok, { created_at: now + 61 }), /future/],
  ];
  for (const [event, why] of cases) {
    const r = checkHttpAuth(event, { url, method: 'GET', now });
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, why);
  }
});

test('a payload tag must hash the body', () => {
  const body = new TextEncoder().encode('{"status":"discarded"}');
  const good = token([
    ['u', url],
    ['method', 'PATCH'],
    ['payload', bytesToHex(sha256(body))],
  ]);
  assert.equal(checkHttpAuth(good, { url, method: 'PATCH', now, body }).ok, true);
  const other = new TextEncoder().encode('{"status":"published"}');
  assert.match(
    (checkHttpAuth(good, { url, method: 'PATCH', now, body: other }) as { reason: string }).reason,
    /payload/,
  );
});
