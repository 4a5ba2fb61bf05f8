import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchesSearch, normalizeHashtag, normalizeText, parseSearch, tokenize } from './nip50.js';

const ev = (content: string, tags: string[][] = []) => ({ content, tags });

test('normalizeText folds Arabic letter variants to Persian', () => {
  assert.equal(normalizeText('كتاب'), 'کتاب');
  assert.equal(normalizeText('علي'), 'علی');
  assert.equal(normalizeText('مدرسة'), 'مدرسه');
  assert.equal(normalizeText('خانۀ'), 'خانه');
  assert.equal(normalizeText('أحمد إيران ٱلله'), 'احمد ایران الله');
  assert.equal(normalizeText('آزادی'), 'ازادی');
  assert.equal(normalizeText('مسؤول'), 'مسوول');
});

test('normalizeText maps Persian and Arabic-Indic digits to ASCII', () => {
  assert.equal(normalizeText('۱۴۰۲'), '1402');
  assert.equal(normalizeText('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  assert.equal(normalizeText('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
});

test('normalizeText strips invisibles, tatweel and diacritics, removes ZWNJ', () => {
  assert.equal(normalizeText('می\u200cروم'), 'میروم');
  assert.equal(normalizeText('\u200fتهران\u200e'), 'تهران');
  assert.equal(normalizeText('\u202bسلام\u202c \u2067x\u2069\u061c'), 'سلام x');
  assert.equal(normalizeText('تهـــران'), 'تهران');
  assert.equal(normalizeText('مُحَمَّد'), 'محمد');
  assert.equal(normalizeText('هذٰا'), 'هذا');
});

test('normalizeText applies NFKC and lowercase', () => {
  assert.equal(normalizeText('ＩＲＡＮ Election'), 'iran election');
  // Arabic presentation forms (U+FEDB etc.) fold through NFKC to base letters, then to Persian.
  assert.equal(normalizeText('\ufedb\ufe98\ufe8e\ufe8f'), 'کتاب');
  assert.equal(normalizeText('plain ascii'), 'plain ascii');
});

test('tokenize splits on punctuation and keeps Persian words whole', () => {
  assert.deepEqual(tokenize('Hello, World! #Iran2009'), ['hello', 'world', 'iran2009']);
  assert.deepEqual(tokenize('«سلام»، دنیا؛ می‌روم.'), ['سلام', 'دنیا', 'میروم']);
  assert.deepEqual(tokenize('  '), []);
  assert.deepEqual(tokenize('café naïve'), ['café', 'naïve']);
});

test('parseSearch separates extensions from terms', () => {
  const p = parseSearch('Protest language:fa تهران include:spam');
  assert.deepEqual(p.terms, ['protest', 'تهران']);
  assert.deepEqual({ ...p.extensions }, { language: 'fa', include: 'spam' });
  assert.deepEqual(parseSearch('https://example.com/x').terms, ['https', 'example', 'com', 'x']);
  assert.deepEqual(parseSearch('').terms, []);
  assert.deepEqual(parseSearch('a a A').terms, ['a']);
});

test('matchesSearch finds Persian text across spelling variants', () => {
  assert.ok(matchesSearch('كتاب', ev('این کتاب خوب است')));
  assert.ok(matchesSearch('کتاب', ev('هذا كتاب')));
  assert.ok(matchesSearch('۱۴۰۲', ev('year 1402 report')));
  assert.ok(matchesSearch('1402', ev('سال ۱۴۰۲')));
  assert.ok(matchesSearch('تهران', ev('\u200fتهران\u200f امروز')));
  assert.ok(matchesSearch('میروم', ev('من می‌روم')));
  assert.ok(matchesSearch('می‌روم', ev('من میروم')));
});

test('matchesSearch requires every term as a word prefix', () => {
  assert.ok(matchesSearch('protest tehran', ev('Protests in Tehran today')));
  assert.ok(!matchesSearch('protest shiraz', ev('Protests in Tehran today')));
  assert.ok(!matchesSearch('test', ev('Protests in Tehran')), 'mid-word is not a match');
  assert.ok(matchesSearch('کتاب', ev('کتابها')));
  assert.ok(!matchesSearch('تاب', ev('کتاب')));
  assert.ok(matchesSearch('language:fa', ev('anything')), 'extension-only query matches all');
  assert.ok(matchesSearch('iran', ev('no word here', [['t', 'Iran']])), 't tags are searched');
  assert.ok(matchesSearch('x', ev('😀x')), 'emoji before a word is a boundary');
  assert.ok(matchesSearch(parseSearch('WORLD'), ev('hello world')));
});

test('normalizeHashtag strips # and folds', () => {
  assert.equal(normalizeHashtag('#IranElection'), 'iranelection');
  assert.equal(normalizeHashtag('#ايران'), 'ایران');
  assert.equal(normalizeHashtag('＃ایران'), 'ایران');
  assert.equal(normalizeHashtag('نه\u200cبه\u200cدیکتاتور'), 'نهبهدیکتاتور');
});

test('matchesSearch word boundaries around ASCII, marks and surrogate pairs', () => {
  assert.ok(!matchesSearch('b', ev('ab')));
  assert.ok(!matchesSearch('2', ev('a2')));
  assert.ok(matchesSearch('b', ev('a-b')));
  assert.ok(matchesSearch('b', ev('a_b')), 'underscore separates words, as in tokenize');
  assert.ok(!matchesSearch('x', ev('𐐨x')), 'astral letter before is part of the word');
  assert.ok(!matchesSearch('ب', ev('کتاب')));
  assert.ok(matchesSearch('ب', ev('کتا ب')));
  const e = ev('Same Event object');
  assert.ok(matchesSearch('same', e) && matchesSearch('event', e) && !matchesSearch('other', e));
});
