import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { openContact, sealContact } from './seal.js';

test('every member opens the contact details; nobody else can', () => {
  const a = generateSecretKey();
  const b = generateSecretKey();
  const sealed = sealContact({ from: 'reza@example.org' }, [getPublicKey(a), getPublicKey(b)]);
  assert.deepEqual(openContact(sealed, a), { from: 'reza@example.org' });
  assert.deepEqual(openContact(sealed, b), { from: 'reza@example.org' });
  assert.throws(() => openContact(sealed, generateSecretKey()), /not sealed to this key/);
  assert.ok(!JSON.stringify(sealed).includes('reza'));
});

test('a header list too long for one NIP-44 payload is cut to fit, and says so', () => {
  const m = generateSecretKey();
  const received = Array.from({ length: 2000 }, (_, i) => `from relay${i}.example.org by mx.example.org; ${i}`);
  const opened = openContact(sealContact({ received }, [getPublicKey(m)]), m);
  assert.equal(opened.truncated, true);
  assert.ok((opened.received as string[]).length > 0 && (opened.received as string[]).length < 2000);
});

test('sealing to nobody is refused', () => {
  assert.throws(() => sealContact({ a: 1 }, []), /no desk members/);
});
