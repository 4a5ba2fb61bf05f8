import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impersonationCheck } from './impersonation.js';

const trusted = 'a'.repeat(64);
const other = 'b'.repeat(64);
const follows = [
  { pubkey: trusted, profile: { name: 'persiankiwi', display_name: 'Persian Kiwi' } },
  { pubkey: 'c'.repeat(64), profile: { display_name: 'خبرگزاری آزاد' } },
];

/** True when a stranger named `copy` is flagged as imitating a followed account named `name`. */
const looksLike = (copy: string, name: string): boolean =>
  impersonationCheck({ display_name: copy }, other, [{ pubkey: trusted, profile: { display_name: name } }]) !==
  undefined;

test('names are compared after folding case, spacing, bidi marks, letter variants and confusables', () => {
  assert.ok(looksLike('Persian Kiwi', 'persian_kiwi'));
  assert.ok(looksLike('Persian Kiwi', 'P\u200eersian  Kіwі')); // LRM, Cyrillic і
  assert.ok(looksLike('Iran News', 'lran News'));
  assert.ok(looksLike('N0va', 'Nova'));
  assert.ok(looksLike('modern', 'rnodern'));
  assert.ok(looksLike('خبرگزاری آزاد', 'خبرگزاري آزاد')); // Arabic yeh
  assert.ok(looksLike('گزارش ۱۴۰۲', 'گزارش 1402'));
  assert.ok(!looksLike('Persian Kiwi', 'Persian Kiwis'));
});

test('a lookalike name from a different key is flagged with the account it imitates', () => {
  assert.deepEqual(impersonationCheck({ display_name: 'persian  kiwi' }, other, follows), {
    pubkey: trusted,
    name: 'Persian Kiwi',
  });
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
