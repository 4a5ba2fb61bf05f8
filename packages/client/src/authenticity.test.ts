import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, signed } from '@lifeline/testkit';
import { neventEncode } from 'nostr-tools/nip19';
import { checkFetchedOriginal, checkRepost, looksLikeTextRetweet, quoteTarget } from './authenticity.js';
import { buildRepost } from './builders-social.js';
import { buildNote } from './builders.js';
import type { SignedEvent } from './types.js';

const source = keys(); // a trusted reporter
const forger = keys();
const original = signed(source, { kind: 1, created_at: 1000, tags: [], content: 'Confirmed by two sources.' });

test('a genuine repost is verified and yields the original', () => {
  const repost = signed(forger, buildRepost(original));
  const r = checkRepost(repost);
  assert.equal(r.status, 'verified');
  assert.equal(r.status === 'verified' && r.original.content, 'Confirmed by two sources.');
});

test('one tampered byte in the embedded content or signature makes the repost fabricated', () => {
  const embedded = JSON.parse(buildRepost(original).content) as SignedEvent;
  const tags = [
    ['e', original.id, ''],
    ['p', original.pubkey],
  ];
  const withContent = (e: unknown) => signed(forger, { kind: 6, created_at: 2000, tags, content: JSON.stringify(e) });

  const words = withContent({ ...embedded, content: embedded.content.replace('two', 'ten') });
  assert.deepEqual(checkRepost(words), {
    status: 'fabricated',
    reason: "embedded event's id does not match its content",
  });

  const flipped = embedded.sig.slice(0, -1) + (embedded.sig.endsWith('0') ? '1' : '0');
  assert.deepEqual(checkRepost(withContent({ ...embedded, sig: flipped })), {
    status: 'fabricated',
    reason: "embedded event's signature is invalid",
  });
});

test('words re-signed by another key under the source name are fabricated', () => {
  // The forger rewrites the text and signs it himself but claims the source as author.
  const fake = signed(forger, { kind: 1, created_at: 1000, tags: [], content: 'Fabricated claim.' });
  const claimed = { ...fake, pubkey: original.pubkey };
  const repost = signed(forger, {
    kind: 6,
    created_at: 2000,
    tags: [
      ['e', fake.id],
      ['p', original.pubkey],
    ],
    content: JSON.stringify(claimed),
  });
  assert.equal(checkRepost(repost).status, 'fabricated');
});

test('tags pointing elsewhere, bad JSON and wrong kinds are fabricated', () => {
  const other = signed(source, { kind: 1, created_at: 1, tags: [], content: 'other' });
  const content = JSON.stringify(original);
  const mk = (kind: number, tags: string[][], c = content) =>
    signed(forger, { kind, created_at: 2000, tags, content: c });
  assert.deepEqual(
    checkRepost(
      mk(6, [
        ['e', other.id],
        ['p', original.pubkey],
      ]),
    ),
    {
      status: 'fabricated',
      reason: 'e tag points at a different event',
    },
  );
  assert.deepEqual(
    checkRepost(
      mk(6, [
        ['e', original.id],
        ['p', forger.pk],
      ]),
    ),
    {
      status: 'fabricated',
      reason: 'p tag names a different author',
    },
  );
  assert.equal(checkRepost(mk(6, [['e', original.id]], '{not json')).status, 'fabricated');
  assert.equal(checkRepost(mk(6, [['e', original.id]], '[1,2]')).status, 'fabricated');
  assert.equal(checkRepost(mk(6, [], content)).status, 'fabricated');
  assert.equal(checkRepost(mk(1, [['e', original.id]])).status, 'fabricated');
  const article = signed(source, { kind: 30023, created_at: 1, tags: [['d', 'x']], content: 'long' });
  assert.equal(checkRepost(mk(6, [['e', article.id]], JSON.stringify(article))).status, 'fabricated');
  assert.equal(checkRepost(signed(forger, buildRepost(article))).status, 'verified');
});

test('an empty repost needs a fetch; the fetched event must be the referenced one, signed', () => {
  const repost = signed(forger, {
    kind: 6,
    created_at: 2000,
    tags: [
      ['e', original.id, 'wss://r'],
      ['p', original.pubkey],
    ],
    content: '',
  });
  const r = checkRepost(repost);
  assert.deepEqual(r, { status: 'needs-fetch', id: original.id, relays: ['wss://r'], pubkey: original.pubkey });
  const ref = { id: original.id, pubkey: original.pubkey };
  assert.equal(checkFetchedOriginal(ref, original).status, 'verified');
  const other = signed(source, { kind: 1, created_at: 1, tags: [], content: 'other' });
  assert.deepEqual(checkFetchedOriginal(ref, other), {
    status: 'fabricated',
    reason: 'fetched event is not the referenced one',
  });
  assert.deepEqual(checkFetchedOriginal(ref, { ...original, content: 'changed' }), {
    status: 'fabricated',
    reason: "fetched event's id does not match its content",
  });
  const byForger = signed(forger, { kind: 1, created_at: 1, tags: [], content: 'x' });
  assert.equal(checkFetchedOriginal({ id: byForger.id, pubkey: original.pubkey }, byForger).status, 'fabricated');
  assert.equal(checkFetchedOriginal(ref, undefined).status, 'needs-fetch');
});

test('quoteTarget reads the q tag, or a nostr:nevent in the content', () => {
  const quote = buildNote({ content: 'see', quote: original });
  assert.deepEqual(quoteTarget(quote), { status: 'needs-fetch', id: original.id, relays: [], pubkey: original.pubkey });
  const bare = {
    tags: [],
    content: `nostr:${neventEncode({ id: original.id, relays: ['wss://r'], author: original.pubkey })}`,
  };
  assert.deepEqual(quoteTarget(bare), {
    status: 'needs-fetch',
    id: original.id,
    relays: ['wss://r'],
    pubkey: original.pubkey,
  });
  assert.equal(quoteTarget({ tags: [], content: 'nothing quoted' }), undefined);
  const target = quoteTarget(quote)!;
  assert.equal(checkFetchedOriginal(target, original).status, 'verified');
});

test('looksLikeTextRetweet spots hand-typed attributions', () => {
  for (const s of [
    'RT @persiankiwi: they are shooting',
    'wow RT @mousavi1388: rally at 4',
    'MT @x: y',
    '\u200fRT @نام: متن',
  ]) {
    assert.equal(looksLikeTextRetweet(s), true, s);
  }
  for (const s of ['ART @x', 'RT without a name', 'a normal note', 'email me at rt@x.org']) {
    assert.equal(looksLikeTextRetweet(s), false, s);
  }
});
