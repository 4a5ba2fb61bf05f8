import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getPublicKey } from 'nostr-tools/pure';
import { decode } from 'nostr-tools/nip19';
import { decrypt } from 'nostr-tools/nip49';
import { cli } from './testing.js';

const field = (out: string, name: string) => out.match(new RegExp(`^${name}\\s+(\\S+)$`, 'm'))?.[1] ?? '';

test('keygen prints a matching npub, hex pubkey and nsec', async () => {
  const { code, stdout } = await cli(['keygen']);
  assert.equal(code, 0);
  const npub = decode(field(stdout, 'npub'));
  const nsec = decode(field(stdout, 'nsec'));
  assert.equal(npub.type, 'npub');
  assert.equal(nsec.type, 'nsec');
  assert.equal(field(stdout, 'pubkey'), npub.data);
  assert.equal(getPublicKey(nsec.data as Uint8Array), npub.data);
});

test('keygen --passphrase prints an ncryptsec, never the nsec', async () => {
  const { code, stdout } = await cli(['keygen', '--passphrase', 'x', '--log-n', '8']);
  assert.equal(code, 0);
  assert.ok(!stdout.includes('nsec1'));
  const sk = decrypt(field(stdout, 'ncryptsec'), 'x');
  assert.equal(getPublicKey(sk), field(stdout, 'pubkey'));
  assert.throws(() => decrypt(field(stdout, 'ncryptsec'), 'y'));
});

test('bad input exits 2 with a message', async () => {
  const unknown = await cli(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
  assert.match(unknown.stderr, /usage: lifeline <command>/);
  assert.equal((await cli([])).code, 2);
  const badLogN = await cli(['keygen', '--log-n', 'lots']);
  assert.equal(badLogN.code, 2);
  assert.match(badLogN.stderr, /--log-n/);
});

test('config-docs prints the generated reference', async () => {
  const { code, stdout } = await cli(['config-docs']);
  assert.equal(code, 0);
  assert.match(stdout, /^# Configuration/);
  assert.match(stdout, /`--max-event-tags`/);
});
