import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impersonationCheck, nameKey } from './impersonation.js';

const trusted = 'a'.repeat(64);
const other = 'b'.repeat(64);
const follows = [
  { pubkey: trusted, profile: { name: 'persiankiwi', display_name: 'Persian Kiwi' } },
  { pubkey: 'c'.repeat(64), profile: { display_name: 'خبرگزاری آزاد' } },
];

test('nameKey folds case, spacing, bidi marks, letter variants and confusables', () => {
  assert.equal(nameKey('Persian Kiwi'), nameKey('persian_kiwi'));
  assert.equal(nameKey('Persian Kiwi'), nameKey('P\u200eersian  Kіwі')); // LRM, Cyrillic і
  assert.equal(nameKey('Iran News'), nameKey('lran News'));
  assert.equal(nameKey('N0va'), nameKey('Nova'));
  assert.equal(nameKey('modern'), nameKey('rnodern'));
  assert.equal(nameKey('خبرگزاری آزاد'), nameKey('خبرگزاري آزاد')); // Arabic yeh
  assert.equal(nameKey('گزارش ۱۴۰۲'), nameKey('گزارش 1402'));
  assert.notEqual(nameKey('Persian Kiwi'), nameKey('Persian Kiwis'));
});

test('a lookalike name from a different key is flagged with the account it imitates', () => {
  assert.deepEqual(impersonationCheck({ display_name: 'persian  kiwi' }, other, follows), { pubkey: trusted, name: 'Persian Kiwi' });
  assert.deepEqual(impersonationCheck({ name: 'خبرگزاري\u200cآزاد' }, other, follows), {
    pubkey: 'c'.repeat(64),
    name: 'خبرگزاری آزاد',
  });
});

test('the same key, a different name, or an empty name is not flagged', () => {
  assert.equal(impersonationCheck({ display_name: 'Persian Kiwi' }, trusted, follows), undefined);
  assert.equal(impersonationCheck({ display_name: 'Someone Else' }, other, follows), undefined);
  assert.equal(impersonationCheck({}, other, follows), undefined);
  assert.equal(impersonationCheck({ name: '!' }, other, follows), undefined);
});
