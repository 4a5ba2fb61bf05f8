import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyEvent } from 'nostr-tools/pure';
import { keys, signed } from '@lifeline/testkit';
import {
  buildDeletion,
  buildProfile,
  buildReaction,
  buildRepost,
  buildVanishRequest,
  parseProfile,
} from './builders-social.js';

const me = keys();
const note = signed(me, { kind: 1, created_at: 1000, tags: [['t', 'x']], content: 'original' });

test('a kind-1 repost is kind 6 with the signed original embedded, e and p tags', () => {
  const t = buildRepost(note, { relayHint: 'wss://r', created_at: 2000 });
  assert.equal(t.kind, 6);
  assert.deepEqual(t.tags, [
    ['e', note.id, 'wss://r'],
    ['p', note.pubkey],
  ]);
  const embedded = JSON.parse(t.content);
  assert.equal(verifyEvent(embedded), true);
  assert.deepEqual(Object.keys(embedded).sort(), ['content', 'created_at', 'id', 'kind', 'pubkey', 'sig', 'tags']);
});

test('other kinds are reposted as kind 16 with a k tag and an a tag when addressable', () => {
  const article = signed(me, { kind: 30023, created_at: 1, tags: [['d', 'post']], content: 'long' });
  const t = buildRepost(article);
  assert.equal(t.kind, 16);
  assert.deepEqual(t.tags, [
    ['e', article.id, ''],
    ['p', article.pubkey],
    ['a', `30023:${article.pubkey}:post`],
    ['k', '30023'],
  ]);
});

test('a NIP-70 protected original is referenced with empty content', () => {
  const prot = signed(me, { kind: 1, created_at: 1, tags: [['-']], content: 'members only' });
  assert.equal(buildRepost(prot).content, '');
});

test('a like is kind 7 "+" with e, p and k tags', () => {
  assert.deepEqual(buildReaction(note, { created_at: 5 }), {
    kind: 7,
    created_at: 5,
    content: '+',
    tags: [
      ['e', note.id, '', note.pubkey],
      ['p', note.pubkey],
      ['k', '1'],
    ],
  });
});

test('a deletion request names every event, address and kind; an empty one is refused', () => {
  const article = signed(me, { kind: 30023, created_at: 1, tags: [['d', 'p']], content: '' });
  const t = buildDeletion([note, article], { reason: 'unsafe', created_at: 9 });
  assert.equal(t.kind, 5);
  assert.equal(t.content, 'unsafe');
  assert.deepEqual(t.tags, [
    ['e', note.id],
    ['e', article.id],
    ['a', `30023:${article.pubkey}:p`],
    ['k', '1'],
    ['k', '30023'],
  ]);
  assert.throws(() => buildDeletion([]), /Nothing to delete/);
});

test('a request to vanish names relays or ALL_RELAYS', () => {
  assert.deepEqual(buildVanishRequest({ created_at: 1 }).tags, [['relay', 'ALL_RELAYS']]);
  assert.deepEqual(buildVanishRequest({ relays: ['wss://a'], created_at: 1 }).tags, [['relay', 'wss://a']]);
  assert.equal(buildVanishRequest().kind, 62);
});

test('profiles keep only name, display_name, about and an http(s) picture', () => {
  const t = buildProfile({
    name: ' sara ',
    display_name: 'Sara',
    about: 'reporter',
    picture: 'javascript:alert(1)',
    location: 'Tehran',
    tz: '+0330',
    banner: 'data:image/png;base64,AAAA',
    website: 'https://sara.example/',
    nip05: 'x@y',
  });
  assert.equal(t.kind, 0);
  assert.deepEqual(JSON.parse(t.content), {
    name: 'sara',
    display_name: 'Sara',
    about: 'reporter',
    website: 'https://sara.example/',
  });
  const full = JSON.parse(
    buildProfile({ nip05: 'sara@news.example', banner: 'https://n.example/b.png', website: 'ftp://x' }).content,
  );
  assert.deepEqual(full, { banner: 'https://n.example/b.png', nip05: 'sara@news.example' });
  assert.deepEqual(parseProfile({ content: '{"name":"a","location":"b","picture":"https://p/x.jpg"}' }), {
    name: 'a',
    picture: 'https://p/x.jpg',
  });
  assert.deepEqual(parseProfile({ content: 'not json' }), {});
  assert.deepEqual(parseProfile({ content: '[1]' }), {});
});
