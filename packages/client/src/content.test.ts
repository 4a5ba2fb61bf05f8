import { test } from 'node:test';
import assert from 'node:assert/strict';
import { naddrEncode, neventEncode, noteEncode, nprofileEncode, npubEncode } from 'nostr-tools/nip19';
import { extractHashtags, parseContent } from './content.js';

const pk = 'a'.repeat(64);
const id = 'b'.repeat(64);

test('splits text, URLs, hashtags and nostr references, in order', () => {
  const npub = npubEncode(pk);
  const tokens = parseContent(`hi nostr:${npub} see https://example.org/a?b=1. #Iran and nostr:${noteEncode(id)}!`);
  assert.deepEqual(tokens, [
    { type: 'text', text: 'hi ' },
    { type: 'mention', text: `nostr:${npub}`, pubkey: pk, relays: [] },
    { type: 'text', text: ' see ' },
    { type: 'url', text: 'https://example.org/a?b=1', url: 'https://example.org/a?b=1' },
    { type: 'text', text: '. ' },
    { type: 'hashtag', text: '#Iran', tag: 'iran' },
    { type: 'text', text: ' and ' },
    { type: 'event', text: `nostr:${noteEncode(id)}`, id, relays: [] },
    { type: 'text', text: '!' },
  ]);
});

test('Persian hashtags keep ZWNJ inside the word, Persian digits, and fold Arabic letter forms', () => {
  const tokens = parseContent('خبر #تهران، #می‌روم‌ #۱۴۰۲سال #كتاب');
  const tags = tokens.filter((t) => t.type === 'hashtag');
  assert.deepEqual(
    tags.map((t) => t.text),
    ['#تهران', '#می‌روم', '#۱۴۰۲سال', '#كتاب'],
  );
  assert.deepEqual(extractHashtags('#كتاب #کتاب #Kitab #kitab'), ['کتاب', 'kitab']);
});

test('only http(s) links become URLs; javascript: and look-alikes stay text', () => {
  for (const s of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.org', 'httpx://x.org']) {
    assert.deepEqual(parseContent(s), [{ type: 'text', text: s }]);
  }
  assert.deepEqual(parseContent('(see https://en.wikipedia.org/wiki/X_(y))')[1], {
    type: 'url',
    text: 'https://en.wikipedia.org/wiki/X_(y)',
    url: 'https://en.wikipedia.org/wiki/X_(y)',
  });
});

test('a#b, &#1; and digit-only tags are not hashtags; bad bech32 stays text', () => {
  assert.deepEqual(parseContent('a#b &#123; #2009'), [{ type: 'text', text: 'a#b &#123; #2009' }]);
  assert.deepEqual(parseContent('nostr:npub1qqqq'), [{ type: 'text', text: 'nostr:npub1qqqq' }]);
});

test('nprofile, nevent and naddr decode with relays, author and kind', () => {
  const relays = ['wss://r.example'];
  const [m] = parseContent(`nostr:${nprofileEncode({ pubkey: pk, relays })}`);
  assert.deepEqual(m && m.type === 'mention' ? [m.pubkey, m.relays] : undefined, [pk, relays]);
  const [e] = parseContent(`nostr:${neventEncode({ id, relays, author: pk, kind: 1 })}`);
  assert.ok(e?.type === 'event');
  assert.deepEqual([e.id, e.author, e.kind, e.relays], [id, pk, 1, relays]);
  const [a] = parseContent(`nostr:${naddrEncode({ identifier: 'blog', pubkey: pk, kind: 30311, relays })}`);
  assert.ok(a?.type === 'event');
  assert.equal(a.address, `30311:${pk}:blog`);
});
