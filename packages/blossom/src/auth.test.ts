import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, nostrAuthorization, signed } from '@lifeline/testkit';
import { checkAuthEvent, namesHash, parseAuthHeader, type AuthRequirement } from './auth.js';

const me = keys();
const now = 1_800_000_000;
const hash = 'a'.repeat(64);
const token = (tags: string[][], over: { kind?: number; created_at?: number } = {}) =>
  signed(me, { kind: over.kind ?? 24242, created_at: over.created_at ?? now - 5, tags, content: 'Upload Blob' });
const valid = (extra: string[][] = []) =>
  token([['t', 'upload'], ['expiration', String(now + 60)], ['x', hash], ...extra]);
const need: AuthRequirement = { verb: 'upload', now, hashes: [hash], servers: ['media.example'] };
const reasonOf = (r: { ok: boolean; reason?: string }): string => (r.ok ? 'ok' : (r.reason ?? ''));

test('a well-formed base64url token parses and authorizes its signer', () => {
  const ev = valid();
  const parsed = parseAuthHeader(nostrAuthorization(ev));
  assert.ok(parsed.ok);
  assert.deepEqual(checkAuthEvent(parsed.event, need), { ok: true, pubkey: ev.pubkey });
});

test('padded standard base64 is accepted too', () => {
  const parsed = parseAuthHeader(`Nostr ${Buffer.from(JSON.stringify(valid())).toString('base64')}`);
  assert.ok(parsed.ok);
});

test('malformed headers are refused with a reason', () => {
  assert.match(reasonOf(parseAuthHeader('Bearer abc')), /Nostr <base64url event>/);
  assert.match(reasonOf(parseAuthHeader('Nostr !!!')), /Nostr <base64url event>/);
  assert.match(
    reasonOf(parseAuthHeader(`Nostr ${Buffer.from('{nope').toString('base64url')}`)),
    /not base64-encoded JSON/,
  );
  assert.match(reasonOf(parseAuthHeader(nostrAuthorization({ kind: 24242 }))), /not a valid event: id must be/);
  assert.match(reasonOf(parseAuthHeader(`Nostr ${'A'.repeat(9000)}`)), /too large/);
});

test('each BUD-11 rule refuses with its own reason', () => {
  const check = (ev: NostrEvent, n = need) => reasonOf(checkAuthEvent(ev, n));
  assert.match(
    check(
      token(
        [
          ['t', 'upload'],
          ['expiration', String(now + 60)],
          ['x', hash],
        ],
        { kind: 1 },
      ),
    ),
    /kind 24242/,
  );
  const forged = { ...valid(), content: 'Delete everything' };
  assert.match(check(forged), /id does not match/);
  const badSig = { ...valid(), sig: 'b'.repeat(128) };
  assert.match(check(badSig), /signature is invalid/);
  assert.match(
    check(
      token(
        [
          ['t', 'upload'],
          ['expiration', String(now + 9999)],
          ['x', hash],
        ],
        { created_at: now + 3600 },
      ),
    ),
    /in the future/,
  );
  assert.match(
    check(
      token([
        ['t', 'upload'],
        ['x', hash],
      ]),
    ),
    /no expiration/,
  );
  assert.match(
    check(
      token([
        ['t', 'upload'],
        ['expiration', String(now - 1)],
        ['x', hash],
      ]),
    ),
    /expired/,
  );
  assert.match(
    check(
      token([
        ['t', 'delete'],
        ['expiration', String(now + 60)],
        ['x', hash],
      ]),
    ),
    /not for "upload"/,
  );
  assert.match(
    check(
      token([
        ['t', 'upload'],
        ['expiration', String(now + 60)],
      ]),
    ),
    /no x tag/,
  );
  assert.match(
    check(
      token([
        ['t', 'upload'],
        ['expiration', String(now + 60)],
        ['x', 'c'.repeat(64)],
      ]),
    ),
    /another blob/,
  );
  assert.match(check(valid([['server', 'other.example']])), /other servers/);
});

test('server tags naming this server, and tokens without x where none is needed, pass', () => {
  assert.ok(
    checkAuthEvent(
      valid([
        ['server', 'other.example'],
        ['server', 'media.example'],
      ]),
      need,
    ).ok,
  );
  const list = token([
    ['t', 'list'],
    ['expiration', String(now + 60)],
  ]);
  assert.ok(checkAuthEvent(list, { verb: 'list', now, servers: [] }).ok);
});

test('a little clock skew is tolerated', () => {
  assert.ok(
    checkAuthEvent(
      token(
        [
          ['t', 'upload'],
          ['expiration', String(now + 600)],
          ['x', hash],
        ],
        { created_at: now + 30 },
      ),
      need,
    ).ok,
  );
});

test('namesHash says whether an x tag names one of the hashes', () => {
  assert.equal(namesHash(valid(), ['c'.repeat(64), hash]), true);
  assert.match(String(namesHash(valid(), ['c'.repeat(64)])), /another blob/);
  assert.match(String(namesHash(token([['t', 'upload']]), [hash])), /no x tag/);
});
