import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { neventEncode } from 'nostr-tools/nip19';
import { checkFetchedOriginal, checkRepost, looksLikeTextRetweet, quoteTarget } from './authenticity.js';
import { buildRepost } from './builders-social.js';
import { buildNote } from './builders.js';
import type { EventTemplate, SignedEvent } from './types.js';

const source = generateSecretKey(); // a trusted reporter
const forger = generateSecretKey();
const sign = (t: EventTemplate, sk: Uint8Array) => JSON.parse(JSON.stringify(finalizeEvent(t, sk))) as SignedEvent;
const original = sign({ kind: 1, created_at: 1000, tags: [], content: 'Confirmed by two sources.' }, source);

test('a genuine repost is verified and yields the original', () => {
  const repost = sign(buildRepost(original), forger);
  const r = checkRepost(repost);
  assert.equal(r.status, 'verified');
  assert.equal(r.status === 'verified' && r.original.content, 'Confirmed by two sources.');
});

test('one tampered byte in the embedded content or signature makes the repost fabricated', () => {
  const embedded = JSON.parse(buildRepost(original).content) as SignedEvent;
  const tags = [['e', original.id, ''], ['p', original.pubkey]];
  const withContent = (e: unknown) => sign({ kind: 6, created_at: 2000, tags, content: JSON.stringify(e) }, forger);

  const words = withContent({ ...embedded, content: embedded.content.replace('two', 'ten') });
  assert.deepEqual(checkRepost(words), { status: 'fabricated', reason: "embedded event's id does not match its content" });

  const flipped = embedded.sig.slice(0, -1) + (embedded.sig.endsWith('0') ? '1' : '0');
  assert.deepEqual(checkRepost(withContent({ ...embedded, sig: flipped })), {
    status: 'fabricated',
    reason: "embedded event's signature is invalid",
  });
});

test('words re-signed by another key under the source name are fabricated', () => {
  // The forger rewrites the text and signs it himself but claims the source as author.
  const fake = sign({ kind: 1, created_at: 1000, tags: [], content: 'Fabricated claim.' }, forger);
  const claimed = { ...fake, pubkey: original.pubkey };
  const repost = sign({ kind: 6, created_at: 2000, tags: [['e', fake.id], ['p', original.pubkey]], content: JSON.stringify(claimed) }, forger);
  assert.equal(checkRepost(repost).status, 'fabricated');
});

test('tags pointing elsewhere, bad JSON and wrong kinds are fabricated', () => {
  const other = sign({ kind: 1, created_at: 1, tags: [], content: 'other' }, source);
  const content = JSON.stringify(original);
  const mk = (kind: number, tags: string[][], c = content) => sign({ kind, created_at: 2000, tags, content: c }, forger);
  assert.deepEqual(checkRepost(mk(6, [['e', other.id], ['p', original.pubkey]])), {
    status: 'fabricated',
    reason: 'e tag points at a different event',
  });
  assert.deepEqual(checkRepost(mk(6, [['e', original.id], ['p', getPublicKey(forger)]])), {
    status: 'fabricated',
    reason: 'p tag names a different author',
  });
  assert.equal(checkRepost(mk(6, [['e', original.id]], '{not json')).status, 'fabricated');
  assert.equal(checkRepost(mk(6, [['e', original.id]], '[1,2]')).status, 'fabricated');
  assert.equal(checkRepost(mk(6, [], content)).status, 'fabricated');
  assert.equal(checkRepost(mk(1, [['e', original.id]])).status, 'fabricated');
  const article = sign({ kind: 30023, created_at: 1, tags: [['d', 'x']], content: 'long' }, source);
  assert.equal(checkRepost(mk(6, [['e', article.id]], JSON.stringify(article))).status, 'fabricated');
  assert.equal(checkRepost(sign(buildRepost(article), forger)).status, 'verified');
});

test('an empty repost needs a fetch; the fetched event must be the referenced one, signed', () => {
  const repost = sign({ kind: 6, created_at: 2000, tags: [['e', original.id, 'wss://r'], ['p', original.pubkey]], content: '' }, forger);
  const r = checkRepost(repost);
  assert.deepEqual(r, { status: 'needs-fetch', id: original.id, relays: ['wss://r'], pubkey: original.pubkey });
  const ref = { id: original.id, pubkey: original.pubkey };
  assert.equal(checkFetchedOriginal(ref, original).status, 'verified');
  const other = sign({ kind: 1, created_at: 1, tags: [], content: 'other' }, source);
  assert.deepEqual(checkFetchedOriginal(ref, other), { status: 'fabricated', reason: 'fetched event is not the referenced one' });
  assert.deepEqual(checkFetchedOriginal(ref, { ...original, content: 'changed' }), {
    status: 'fabricated',
    reason: "fetched event's id does not match its content",
  });
  const byForger = sign({ kind: 1, created_at: 1, tags: [], content: 'x' }, forger);
  assert.equal(checkFetchedOriginal({ id: byForger.id, pubkey: original.pubkey }, byForger).status, 'fabricated');
  assert.equal(checkFetchedOriginal(ref, undefined).status, 'needs-fetch');
});

test('quoteTarget reads the q tag, or a nostr:nevent in the content', () => {
  const quote = buildNote({ content: 'see', quote: original });
  assert.deepEqual(quoteTarget(quote), { status: 'needs-fetch', id: original.id, relays: [], pubkey: original.pubkey });
  const bare = { tags: [], content: `nostr:${neventEncode({ id: original.id, relays: ['wss://r'], author: original.pubkey })}` };
  assert.deepEqual(quoteTarget(bare), { status: 'needs-fetch', id: original.id, relays: ['wss://r'], pubkey: original.pubkey });
  assert.equal(quoteTarget({ tags: [], content: 'nothing quoted' }), undefined);
  const target = quoteTarget(quote)!;
  assert.equal(checkFetchedOriginal(target, original).status, 'verified');
});

test('looksLikeTextRetweet spots hand-typed attributions', () => {
  for (const s of ['RT @persiankiwi: they are shooting', 'wow RT @mousavi1388: rally at 4', 'MT @x: y', '\u200fRT @نام: متن']) {
    assert.equal(looksLikeTextRetweet(s), true, s);
  }
  for (const s of ['ART @x', 'RT without a name', 'a normal note', 'email me at rt@x.org']) {
    assert.equal(looksLikeTextRetweet(s), false, s);
  }
});
