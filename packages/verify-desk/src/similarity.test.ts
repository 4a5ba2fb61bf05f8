import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeForMatch } from './normalize.js';
import { NEAR_DUPLICATE, prepareText, similarity } from './similarity.js';

const sim = (a: string, b: string) => similarity(prepareText(a), prepareText(b));

test('normalization folds Arabic letter variants, digits, ZWNJ, diacritics, links and punctuation', () => {
  // Arabic yeh and kaf, Arabic-Indic digits, ZWNJ, fatha, kashida, a link, Persian punctuation.
  const a = normalizeForMatch('پليس‌ها با شال سبز در ميدان ونك، ساعت ٣ https://x.example/a؟');
  const b = normalizeForMatch('پلیسها با شال سبز در میدان ونک ساعت ۳');
  assert.equal(a, b);
  assert.equal(normalizeForMatch('Café — CONFIRMED!!! #Iran nostr:nevent1abc'), 'cafe confirmed iran');
  assert.equal(normalizeForMatch('دَرِ ســـتاد'), 'در ستاد');
});

test('a reworded copy is a near-duplicate, in English and in Persian', () => {
  const en = 'Police wearing green scarves near Vanak square, beating people #iranelection';
  const enCopy = 'police wearing green scarves near vanak square beating people!! 😡 #IranElection';
  assert.ok(sim(en, enCopy) >= NEAR_DUPLICATE, String(sim(en, enCopy)));
  const fa = 'پلیس‌ها با شال سبز در میدان ونک مردم را می‌زنند';
  const faCopy = 'پليسها با شال سبز در ميدان ونك مردم را ميزنند!!';
  assert.ok(sim(fa, faCopy) >= NEAR_DUPLICATE, String(sim(fa, faCopy)));
  // One added word still reads as a copy.
  const faPlus = 'فوری: پلیس‌ها با شال سبز در میدان ونک مردم را می‌زنند';
  assert.ok(sim(fa, faPlus) >= NEAR_DUPLICATE, String(sim(fa, faPlus)));
});

test('independent witnesses of one scene, in their own words, are not duplicates', () => {
  const a = 'Police wearing green scarves near Vanak square, beating people';
  const b = 'Saw riot police with green scarves at Vanak, they attacked the crowd with batons';
  assert.ok(sim(a, b) < 0.45, String(sim(a, b)));
  const fa1 = 'پلیس‌ها با شال سبز در میدان ونک مردم را می‌زنند';
  const fa2 = 'من در ونک بودم، مأموران شال سبز بسته بودند و با باتوم به جمعیت حمله کردند';
  assert.ok(sim(fa1, fa2) < 0.45, String(sim(fa1, fa2)));
});

test('short texts are never near-duplicates', () => {
  assert.equal(sim('Confirmed!', 'confirmed'), 0);
  assert.equal(sim('تأیید شد', 'تایید شد'), 0);
});
