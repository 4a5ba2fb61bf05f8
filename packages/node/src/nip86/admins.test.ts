import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { StartError } from '../start-error.js';
import { parseAdmins } from './admins.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('--admin takes npubs and hex, comma- or space-separated, once each', () => {
  assert.deepEqual(parseAdmins(''), []);
  assert.deepEqual(parseAdmins(`${npubEncode(A)}, ${B.toUpperCase()} ${A}`), [A, B]);
});

test('anything else is a start error naming the item', () => {
  assert.throws(
    () => parseAdmins(`${A},nsec1notakey`),
    (e: unknown) => e instanceof StartError && e.code === 'admin-invalid' && e.message.includes('nsec1notakey'),
  );
});
