import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editDistance } from './edit-distance.js';
import { foldName } from './fold-name.js';
import { lookalike, namesLookAlike, nip05LookAlike, profileNames } from './lookalike.js';
import { skeleton } from './skeleton.js';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

test('UTS #39 skeletons: Cyrillic and Latin look-alikes share one, different letters do not', () => {
  assert.equal(skeleton('раураl'), skeleton('paypal')); // Cyrillic р а у
  assert.equal(skeleton('0'), skeleton('O'));
  assert.notEqual(skeleton('paypal'), skeleton('paypai'));
  assert.equal(foldName('BBC Реrsian'), foldName('bbc persian'));
  assert.equal(foldName('rn'), foldName('m'));
  // Skeletons are case-sensitive: Cyrillic capital В imitates Latin B (its lower case в imitates nothing).
  assert.equal(foldName('Tehran Вureau'), foldName('Tehran Bureau'));
  assert.equal(foldName('ВВС Реrsian'), foldName('BBC Persian'));
});

test('Persian and Arabic letter variants, ZWNJ and digits fold to one name', () => {
  assert.equal(foldName('علي رضايي'), foldName('علی رضایی')); // Arabic yeh vs Persian yeh
  assert.equal(foldName('كاوه'), foldName('کاوه')); // Arabic kaf
  assert.equal(foldName('خبرنامة'), foldName('خبرنامه')); // teh marbuta
  assert.equal(foldName('می‌روم'), foldName('میروم')); // ZWNJ
  assert.equal(foldName('ایران۱۴۰۲'), foldName('ایران1402')); // Persian digits
  assert.notEqual(foldName('سارا'), foldName('سامان'));
});

test('edit distance stops early past its bound', () => {
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('kitten', 'sitting', 1), 2);
  assert.equal(editDistance('مریم', 'مریم'), 0);
});

test('names look alike when folded equal, or one edit apart once long enough', () => {
  assert.ok(namesLookAlike('Tehran Bureau', 'Tehran Burea'));
  assert.ok(!namesLookAlike('Ali', 'Alo'), 'short names need an exact fold');
  assert.ok(!namesLookAlike('A', 'A'), 'one letter imitates nobody');
  assert.ok(namesLookAlike('خبرگزاری میدان', 'خبرگزاري ميدان'));
});

test('an Arabic-yeh copy of a Persian-yeh name is flagged as a disguise', () => {
  const original = { pubkey: A, names: ['خبرنگار آزادی'] };
  const copy = { pubkey: B, names: ['خبرنگار آزادي'] };
  const v = lookalike(copy, original);
  assert.deepEqual(v?.reasons, ['disguised-name']);
  assert.equal(v?.imitates, A);
  assert.equal(v?.name, 'خبرنگار آزادی');
});

test('a Cyrillic-letter copy of a Latin name is flagged', () => {
  const v = lookalike({ pubkey: B, names: ['Sаrа Nеwsdesk'] }, { pubkey: A, names: ['Sara Newsdesk'] });
  assert.deepEqual(v?.reasons, ['disguised-name']);
});

test('the same name alone flags nobody: two people can share a name', () => {
  assert.equal(lookalike({ pubkey: B, names: ['Sara'] }, { pubkey: A, names: ['Sara'] }), undefined);
  assert.equal(lookalike({ pubkey: B, names: ['مریم'] }, { pubkey: A, names: ['مریم'] }), undefined);
});

test('the same name with the same avatar or a look-alike NIP-05 is flagged; the same key never is', () => {
  const orig = { pubkey: A, names: ['Sara'], avatarHash: 'f0f0f0f0f0f0f0f0', nip05: 'sara@news.example' };
  assert.deepEqual(lookalike({ pubkey: B, names: ['Sara'], avatarHash: 'f0f0f0f0f0f0f0f1' }, orig)?.reasons, [
    'same-avatar',
  ]);
  assert.equal(lookalike({ pubkey: B, names: ['Sara'], avatarHash: '0f0f0f0f0f0f0f0f' }, orig), undefined);
  assert.deepEqual(lookalike({ pubkey: B, names: ['Sara'], nip05: 'sara@newz.example' }, orig)?.reasons, ['nip05']);
  assert.equal(lookalike({ ...orig }, orig), undefined);
});

test('NIP-05 look-alikes differ but fold close; an identical identifier is not a look-alike', () => {
  assert.ok(nip05LookAlike('bbcpersian@bbc.com', 'bbcpersіan@bbc.com')); // Cyrillic і
  assert.ok(nip05LookAlike('tehranbureau@pbs.org', 'tehranbureau@pbs.0rg'));
  assert.ok(!nip05LookAlike('sara@a.org', 'SARA@a.org'));
  assert.ok(!nip05LookAlike('sara@news.org', 'omid@news.org'));
});

test('profile names: display_name and name, trimmed of blanks and junk types', () => {
  assert.deepEqual(profileNames({ name: 'sara', display_name: 'Sara K', displayName: 3 }), ['Sara K', 'sara']);
  assert.deepEqual(profileNames({ name: ' ' }), []);
});
