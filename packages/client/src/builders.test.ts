import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, nprofileEncode, npubEncode } from 'nostr-tools/nip19';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { buildNote } from './builders.js';

const alice = keys();
const bob = keys();
const carol = keys().pk;
const note = (who: TestKeys, tags: string[][] = [], content = 'x') => signed(who, { created_at: 1000, tags, content });

test('a plain note gets normalized t tags for Persian and English hashtags, once each', () => {
  const t = buildNote({ content: 'خبر #تهران #IRAN #iran #كتاب', hashtags: ['#Extra', ''], created_at: 5 });
  assert.deepEqual(t, {
    kind: 1,
    created_at: 5,
    content: 'خبر #تهران #IRAN #iran #كتاب',
    tags: [
      ['t', 'تهران'],
      ['t', 'iran'],
      ['t', 'کتاب'],
      ['t', 'extra'],
    ],
  });
});

test('a reply to a top-level note carries one root-marked e tag and the author p tag', () => {
  const root = note(alice, [['p', carol]]);
  const t = buildNote({ content: 'reply', replyTo: root, relayHint: 'wss://r' });
  assert.deepEqual(t.tags, [
    ['e', root.id, 'wss://r', 'root', root.pubkey],
    ['p', root.pubkey],
    ['p', carol],
  ]);
});

test('a nested reply marks root and reply and inherits the thread p tags, without me', () => {
  const root = note(alice);
  const mid = note(bob, [
    ['e', root.id, 'wss://a', 'root', root.pubkey],
    ['p', root.pubkey],
    ['p', carol],
  ]);
  const me = alice.pk;
  const t = buildNote({ content: 'deeper', replyTo: mid, me });
  assert.deepEqual(t.tags, [
    ['e', root.id, 'wss://a', 'root', root.pubkey],
    ['e', mid.id, '', 'reply', mid.pubkey],
    ['p', mid.pubkey],
    ['p', carol],
  ]);
});

test('replying to a deprecated positional reply still finds the root', () => {
  const root = note(alice);
  const mid = note(bob, [['e', root.id]]);
  const t = buildNote({ content: 'x', replyTo: mid });
  assert.deepEqual(t.tags.slice(0, 2), [
    ['e', root.id, '', 'root', ''],
    ['e', mid.id, '', 'reply', mid.pubkey],
  ]);
});

test('nostr:npub and nprofile mentions become p tags (with relay hint)', () => {
  const t = buildNote({
    content: `hi nostr:${npubEncode(carol)} and nostr:${nprofileEncode({ pubkey: bob.pk, relays: ['wss://b'] })} nostr:${npubEncode(carol)}`,
  });
  assert.deepEqual(t.tags, [
    ['p', carol],
    ['p', bob.pk, 'wss://b'],
  ]);
});

test('a quote appends a nostr:nevent and a q tag; it is not a reply', () => {
  const original = note(bob, [], 'original');
  const t = buildNote({ content: 'look', quote: original, relayHint: 'wss://r' });
  const [first, nevent] = t.content.split('\n');
  assert.equal(first, 'look');
  const d = decode(nevent!.replace('nostr:', ''));
  assert.equal(d.type, 'nevent');
  assert.equal(d.type === 'nevent' ? d.data.id : '', original.id);
  assert.deepEqual(t.tags, [
    ['q', original.id, 'wss://r', original.pubkey],
    ['p', original.pubkey],
  ]);
  assert.ok(!t.tags.some((x) => x[0] === 'e'));
  const own = buildNote({ content: 'me again', quote: original, me: original.pubkey });
  assert.deepEqual(own.tags, [['q', original.id, '', original.pubkey]], 'no p tag for quoting myself');
});

test('a content warning is a NIP-36 tag, with or without a reason', () => {
  assert.deepEqual(buildNote({ content: 'x', contentWarning: 'violence' }).tags, [['content-warning', 'violence']]);
  assert.deepEqual(buildNote({ content: 'x', contentWarning: '' }).tags, [['content-warning']]);
});

test('images: URLs in the content and one NIP-92 imeta tag each; more than four is refused', () => {
  const media = [
    { url: 'https://n.example/a.jpg', m: 'image/jpeg', x: 'a'.repeat(64), dim: '4x3', alt: 'first' },
    { url: 'https://n.example/b.png', m: 'image/png', alt: 'دوم' },
  ];
  const t = buildNote({ content: 'Two photos', media, created_at: 1 });
  assert.equal(t.content, 'Two photos\nhttps://n.example/a.jpg\nhttps://n.example/b.png');
  assert.deepEqual(
    t.tags.filter((tag) => tag[0] === 'imeta'),
    [
      ['imeta', 'url https://n.example/a.jpg', 'm image/jpeg', `x ${'a'.repeat(64)}`, 'dim 4x3', 'alt first'],
      ['imeta', 'url https://n.example/b.png', 'm image/png', 'alt دوم'],
    ],
  );
  assert.equal(buildNote({ content: '', media: [media[0]!] }).content, 'https://n.example/a.jpg');
  const five = Array.from({ length: 5 }, (_, i) => ({ url: `https://n.example/${i}.jpg` }));
  assert.throws(() => buildNote({ content: 'x', media: five }), /at most 4 images/);
});
