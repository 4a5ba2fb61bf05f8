import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '@lifeline/nostr';
import { searchWords, tsqueryOf } from './search.js';

test('indexed words are nip50.ts tokens of the content and t tags, nothing else', () => {
  const content = 'تظاهرات در ميدان آزادي، ساعت ۱۰ — Protesters می‌روم';
  assert.deepEqual(searchWords(content, [['t', 'Tehran'], ['p', 'x'.repeat(64)], ['t']]), [
    ...tokenize(content),
    'tehran',
  ]);
  assert.ok(searchWords(content, []).includes('میدان'), 'Arabic yeh folded to the Persian letter');
  assert.ok(searchWords(content, []).includes('10'), 'Persian digits folded');
  assert.ok(searchWords(content, []).includes('میروم'), 'ZWNJ removed inside a word');
});

test('a word longer than a tsvector lexeme may be is cut to 255 code points, and so is a query term', () => {
  const long = `${'ب'.repeat(300)}`;
  const [word] = searchWords(long, []);
  assert.equal(Array.from(word!).length, 255);
  assert.equal(tsqueryOf(long), `'${'ب'.repeat(255)}':*`);
});

test('a query becomes AND-ed prefix lexemes; extensions and empty queries match everything', () => {
  assert.equal(tsqueryOf('Azadi  square'), "'azadi':* & 'square':*");
  assert.equal(tsqueryOf('ميدان language:fa'), "'میدان':*");
  assert.equal(tsqueryOf('language:en'), undefined);
  assert.equal(tsqueryOf('  '), undefined);
  // Punctuation never reaches the tsquery syntax: only word characters are terms.
  assert.equal(tsqueryOf("it's a \\ 'test' & | ! ( ) :*"), "'it':* & 's':* & 'a':* & 'test':*");
});
