import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseAddress, senderId } from './sender-id.js';

const secret = new Uint8Array(32).fill(7);

test('one number written many ways is one sender, across SMS and fax', () => {
  const forms = ['+98 21 5550 0100', '00982155500100', '+۹۸۲۱۵۵۵۰۰۱۰۰', '(+98) 21-5550-0100'];
  const ids = new Set(forms.map((f) => senderId(secret, 'sms', f)));
  assert.equal(ids.size, 1);
  assert.equal(senderId(secret, 'fax', forms[0] as string), [...ids][0]);
  assert.equal(normaliseAddress('sms', '00982155500100'), 'tel:+982155500100');
});

test('email addresses are compared without case or display name', () => {
  assert.equal(senderId(secret, 'email', 'Reza <Reza@Example.org>'), senderId(secret, 'email', 'reza@example.org'));
  assert.notEqual(senderId(secret, 'email', 'reza@example.org'), senderId(secret, 'email', 'sara@example.org'));
});

test('the id depends on the secret and reveals nothing of the address', () => {
  const id = senderId(secret, 'sms', '+982155500100');
  assert.notEqual(id, senderId(new Uint8Array(32).fill(8), 'sms', '+982155500100'));
  assert.match(id, /^[0-9a-f]{32}$/);
  assert.ok(!id.includes('2155500100'));
});
