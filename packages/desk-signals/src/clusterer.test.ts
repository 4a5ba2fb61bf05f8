import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Clusterer } from './clusterer.js';
import { mediaHashes } from './media.js';
import { comparableText, signature, similarity } from './minhash.js';

const pk = (i: number) => i.toString(16).padStart(64, '0');
const id = (i: number) => (1000 + i).toString(16).padStart(64, 'e');
const T0 = 1_700_000_000_000;

const CAMPAIGN = [
  'تجمع امروز در میدان آزادی لغو شد، همه به خانه برگردید و به شایعات توجه نکنید',
  'تجمع امروز در ميدان آزادي لغو شد، همه به خانه برگرديد و به شايعات توجه نکنيد', // Arabic yeh
  'تجمع امروز در میدان آزادی لغو شد! همه به خانه برگردید و به شایعات توجه نکنید.',
  'تجمع امروز در میدان‌ آزادی لغو شد، همه به خانه برگردید و به شایعات توجه نکنید ۱', // ZWNJ, Persian digit
];

const DIFFERENT = [
  'امروز صبح در خیابان انقلاب صدای شعار شنیده شد',
  'برق محله ما از ساعت ده شب قطع است',
  'کسی از وضعیت اینترنت در اصفهان خبر دارد؟',
  'عکس‌های تجمع دیروز را اینجا ببینید',
  'نانوایی سر کوچه امروز باز نبود',
  'دانشجویان دانشگاه تهران در کلاس‌ها حاضر نشدند',
  'پلیس در میدان ونک مستقر شده است',
  'مترو خط یک با تاخیر کار می‌کند',
  'امتحانات این هفته لغو شد',
  'خبرنگاران خارجی اجازه ورود ندارند',
];

test('normalization: letter variants, digits, ZWNJ, diacritics and links do not change the text compared', () => {
  assert.equal(comparableText('علي‌رضا ۱۴۰۲ https://x.example/a'), comparableText('علیرضا 1402'));
  assert.equal(comparableText('سَلام'), comparableText('سلام'));
  const [a, b] = [CAMPAIGN[0]!, CAMPAIGN[1]!].map((t) => signature(comparableText(t)));
  assert.equal(similarity(a!, b!), 1);
});

test('ten accounts posting near-identical Persian text within a minute form one cluster', () => {
  const c = new Clusterer();
  for (let i = 0; i < 10; i++)
    c.add({ id: id(i), pubkey: pk(i), createdAt: 1, content: CAMPAIGN[i % CAMPAIGN.length]! }, T0 + i * 5000);
  const [cluster, ...rest] = c.clusters();
  assert.equal(rest.length, 0);
  assert.equal(cluster?.accounts.length, 10);
  assert.equal(cluster?.posts, 10);
  assert.equal(cluster?.firstPosts.length, 5);
  assert.equal(cluster?.firstPosts[0]?.id, id(0));
  assert.deepEqual(
    c.sharedClusters([pk(1), pk(3), pk(99)]).map((g) => g.pubkeys),
    [[pk(1), pk(3)]],
  );
});

test('ten accounts posting different texts form no cluster', () => {
  const c = new Clusterer();
  for (const [i, content] of DIFFERENT.entries())
    c.add({ id: id(i), pubkey: pk(i), createdAt: 1, content }, T0 + i * 1000);
  assert.deepEqual(c.clusters(), []);
  assert.deepEqual(c.sharedClusters([pk(0), pk(1)]), []);
});

test('English near-duplicates cluster; one account repeating itself is not reported', () => {
  const c = new Clusterer({ minAccounts: 3 });
  const text = 'BREAKING: the rally at Azadi square is cancelled, everyone go home now';
  for (let i = 0; i < 6; i++) c.add({ id: id(i), pubkey: pk(0), createdAt: 1, content: text }, T0 + i);
  assert.deepEqual(c.clusters(), []);
  c.add({ id: id(10), pubkey: pk(1), createdAt: 1, content: text.toUpperCase() }, T0 + 10);
  c.add({ id: id(11), pubkey: pk(2), createdAt: 1, content: `${text}!!` }, T0 + 11);
  assert.equal(c.clusters()[0]?.accounts.length, 3);
});

test('the same media hash joins accounts even without text', () => {
  const c = new Clusterer({ minAccounts: 3 });
  const x = 'ab'.repeat(32);
  for (let i = 0; i < 3; i++)
    c.add({ id: id(i), pubkey: pk(i), createdAt: 1, content: `https://m.example/${x}.jpg`, media: [x] }, T0 + i);
  assert.deepEqual(c.clusters()[0]?.media, [x]);
  assert.deepEqual(
    mediaHashes({ content: `see https://m.example/${x}.jpg`, tags: [['imeta', `x ${'cd'.repeat(32)}`]] }),
    ['cd'.repeat(32), x],
  );
});

test('posts outside the window do not join, and memory stays bounded', () => {
  const c = new Clusterer({ windowMs: 60_000, maxPosts: 100, minAccounts: 2 });
  c.add({ id: id(0), pubkey: pk(0), createdAt: 1, content: CAMPAIGN[0]! }, T0);
  c.add({ id: id(1), pubkey: pk(1), createdAt: 1, content: CAMPAIGN[0]! }, T0 + 61_000);
  assert.deepEqual(c.clusters(), []);
  for (let i = 0; i < 1000; i++)
    c.add(
      { id: id(i), pubkey: pk(i), createdAt: 1, content: `post number ${i} ${'x'.repeat(i % 50)} unique` },
      T0 + 62_000,
    );
  assert.ok(c.held <= 101, `held ${c.held}`);
});

test('clusters are ranked by accounts, then by speed', () => {
  const c = new Clusterer({ minAccounts: 2 });
  const other = 'another coordinated message about the closing of all universities tomorrow';
  for (let i = 0; i < 3; i++) c.add({ id: id(i), pubkey: pk(i), createdAt: 1, content: CAMPAIGN[0]! }, T0 + i * 1000);
  for (let i = 0; i < 4; i++)
    c.add({ id: id(10 + i), pubkey: pk(10 + i), createdAt: 1, content: other }, T0 + i * 1000);
  assert.deepEqual(
    c.clusters().map((x) => x.accounts.length),
    [4, 3],
  );
});

test('drainChanges reports accounts as they join reported clusters, and merged-away ids', () => {
  const c = new Clusterer({ minAccounts: 3 });
  const a = 'the rally at Azadi square is cancelled, everyone go home now and stay inside';
  const b = 'universities close tomorrow by order of the ministry, students must leave the dorms';
  c.add({ id: id(0), pubkey: pk(0), createdAt: 1, content: a }, T0);
  c.add({ id: id(1), pubkey: pk(1), createdAt: 1, content: a }, T0 + 1);
  assert.deepEqual(c.drainChanges(), { joined: [], gone: [] }, 'two accounts are not reported yet');
  c.add({ id: id(2), pubkey: pk(2), createdAt: 1, content: a }, T0 + 2);
  const first = c.drainChanges();
  assert.deepEqual(first.joined[0]?.pubkeys, [pk(0), pk(1), pk(2)]);
  c.add({ id: id(3), pubkey: pk(3), createdAt: 1, content: a }, T0 + 3);
  assert.deepEqual(c.drainChanges().joined[0]?.pubkeys, [pk(3)], 'only the new account');
  // A second reported cluster, then one post in both texts (same media) merges them.
  for (let i = 10; i < 13; i++) c.add({ id: id(i), pubkey: pk(i), createdAt: 1, content: b }, T0 + i);
  const second = c.drainChanges().joined[0]!;
  const x = 'ef'.repeat(32);
  c.add({ id: id(20), pubkey: pk(20), createdAt: 1, content: a, media: [x] }, T0 + 20);
  c.add({ id: id(21), pubkey: pk(21), createdAt: 1, content: b, media: [x] }, T0 + 21);
  const merged = c.drainChanges();
  assert.equal(c.clusters().length, 1);
  const survivor = c.clusters()[0]!.id;
  assert.deepEqual(merged.gone, [survivor === first.joined[0]!.cluster ? second.cluster : first.joined[0]!.cluster]);
  assert.equal(merged.joined.length, 1);
  assert.equal(merged.joined[0]!.cluster, survivor);
  assert.equal(new Set(merged.joined[0]!.pubkeys).size, 9, 'every account again under the surviving id');
});
