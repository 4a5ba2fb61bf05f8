import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import { StartError } from '../start-error.js';
import { parseAdmins } from './admins.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('--admin takes npubs and hex, comma- or space-separated, once each', () => {
  assert.deepEqual(parseAdmins(''), []);
  assert.deepEqual(parseAdmins(`${npubEncode(A)}, ${B.toUpperCase()} ${A}`), [A, B]);
});

test('anything else is a start error naming the item, but never a secret key', () => {
  assert.throws(
    () => parseAdmins(`${A},npub1notakey`),
    (e: unknown) => e instanceof StartError && e.code === 'admin-invalid' && e.message.includes('npub1notakey'),
  );
  const nsec = nsecEncode(new Uint8Array(32).fill(7));
  assert.throws(
    () => parseAdmins(nsec),
    (e: unknown) => e instanceof StartError && /secret key/.test(e.message) && !e.message.includes(nsec.slice(5)),
  );
});
