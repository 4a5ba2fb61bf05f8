import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nsecEncode, npubEncode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { keys } from '@lifeline/testkit';
import { KeyError, isEncryptedKey, parseSecretKey } from './keys.js';

const { sk } = keys();
const hex = Buffer.from(sk).toString('hex');

test('nsec, hex (either case) and ncryptsec decode to the same key', () => {
  assert.deepEqual(parseSecretKey(nsecEncode(sk)), sk);
  assert.deepEqual(parseSecretKey(hex), sk);
  assert.deepEqual(parseSecretKey(` ${hex.toUpperCase()}\n`), sk);
  const enc = encrypt(sk, 'correct horse', 8);
  assert.ok(isEncryptedKey(enc));
  assert.deepEqual(parseSecretKey(enc, 'correct horse'), sk);
});

test('bad keys get clear errors that never echo the input', () => {
  const enc = encrypt(sk, 'right', 8);
  const cases: [string, string | undefined, RegExp][] = [
    [enc, undefined, /give its passphrase/],
    [enc, 'wrong', /wrong passphrase/],
    // The checksum's last character changed (to another one: a key ending in q gets p).
    [corrupt(nsecEncode(sk)), undefined, /nsec is malformed/],
    [npubEncode(hex), undefined, /public key/],
    [hex.slice(2), undefined, /unrecognized key/],
    ['', undefined, /unrecognized key/],
  ];
  for (const [input, pass, re] of cases) {
    assert.throws(
      () => parseSecretKey(input, pass),
      (e: unknown) => {
        assert.ok(e instanceof KeyError);
        assert.match(e.message, re);
        if (input.length > 10) assert.ok(!e.message.includes(input));
        return true;
      },
    );
  }
});

/** The bech32 string with its last character replaced by a different one, so the checksum fails. */
function corrupt(bech32: string): string {
  return bech32.slice(0, -1) + (bech32.endsWith('q') ? 'p' : 'q');
}
