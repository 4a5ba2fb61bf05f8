import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guardHashes, identifyingTokens, leaks } from './leak-guard.js';

const secret = new Uint8Array(32).fill(3);

test('numbers and addresses are found however they are written', () => {
  assert.deepEqual(identifyingTokens('call +98 (21) 5550-0100 or mail Reza@Example.org'), [
    '@reza@example.org',
    '#982155500100',
    '#155500100',
  ]);
  assert.deepEqual(identifyingTokens('۰۹۱۲۳۴۵۶۷۸۹'), ['#09123456789', '#123456789']);
});

test('text carrying the sender number, in any form, is caught; other text is not', () => {
  const guards = new Set(guardHashes(secret, '{"address":"+982155500100","from":"reza@example.org"}'));
  assert.equal(leaks(secret, guards, 'Crowds at Azadi Square at 18:30, about 10000 people'), false);
  assert.equal(leaks(secret, guards, 'sent from 021 5550 0100'), true);
  assert.equal(leaks(secret, guards, 'شماره ۰۲۱۵۵۵۰۰۱۰۰'), true);
  assert.equal(leaks(secret, guards, 'write to REZA@example.org'), true);
});
