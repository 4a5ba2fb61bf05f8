import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { noteEncode, npubEncode } from 'nostr-tools/nip19';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

// Rendered no-JS pages are cached on the node (packages/node/src/pages/cache.ts); every change a
// reader should see must show on the very next fetch, because storing the event drops the pages
// it touches.
describe('cached pages without JavaScript show every change on the next fetch', () => {
  const env = nodeSuite({ client: true });
  const alice = keys();
  const bob = keys();
  const T = Math.floor(Date.now() / 1000) - 600;
  const get = async (path: string, lang = 'en') =>
    (await fetch(`${env.node.httpUrl}${path}`, { headers: { 'accept-language': lang } })).text();
  const publish = async (event: ReturnType<typeof signed>) => {
    const ok = await env.client.publish(event);
    assert.equal(ok[2], true, String(ok[3]));
  };

  test('a new post, a deletion, a profile change and a request to vanish', async () => {
    const name = signed(alice, { kind: 0, created_at: T, content: JSON.stringify({ name: 'Alice Reporter' }) });
    const first = signed(alice, {
      created_at: T + 1,
      content: 'first dispatch from the square',
      tags: [['t', 'square']],
    });
    await publish(name);
    await publish(first);
    const npub = npubEncode(alice.pk);
    const thread = `/e/${noteEncode(first.id)}`;
    const pages = ['/timeline', `/p/${npub}`, '/t/square', thread, '/timeline/feed.atom', `/p/${npub}/feed.atom`];
    // Render every page twice in both languages, so what follows is served from the cache if stale.
    for (const lang of ['en', 'fa'])
      for (const p of [...pages, ...pages]) assert.ok((await get(p, lang)).includes('first dispatch'), p);
    const timelineFa = await get('/timeline', 'fa');
    assert.ok(timelineFa.includes('dir="rtl"'), 'the Persian page is its own cache entry');
    assert.ok(!(await get('/timeline', 'en')).includes('dir="rtl"'), 'the English one too');

    // A new post shows on the timeline, the profile, the tag page and the feeds.
    const second = signed(alice, {
      created_at: T + 2,
      content: 'second dispatch: more people arriving',
      tags: [['t', 'square']],
    });
    await publish(second);
    for (const p of ['/timeline', `/p/${npub}`, '/t/square', '/timeline/feed.atom', `/p/${npub}/feed.atom`])
      for (const lang of ['en', 'fa']) assert.ok((await get(p, lang)).includes('second dispatch'), `${p} ${lang}`);

    // A reply shows in its thread.
    const reply = signed(bob, {
      created_at: T + 3,
      content: 'bob confirms from the north side',
      tags: [['e', first.id]],
    });
    await publish(reply);
    assert.ok((await get(thread)).includes('bob confirms'), 'the reply shows in the thread');

    // A deletion removes the post everywhere it showed.
    await publish(signed(alice, { kind: 5, created_at: T + 4, tags: [['e', second.id]] }));
    for (const p of ['/timeline', `/p/${npub}`, '/t/square', '/timeline/feed.atom'])
      for (const lang of ['en', 'fa'])
        assert.ok(!(await get(p, lang)).includes('second dispatch'), `deleted: ${p} ${lang}`);

    // A profile change shows on her profile and beside her posts elsewhere.
    assert.ok((await get(`/p/${npub}`)).includes('Alice Reporter'));
    await publish(signed(alice, { kind: 0, created_at: T + 5, content: JSON.stringify({ name: 'Alice Renamed' }) }));
    for (const p of [`/p/${npub}`, '/timeline', thread]) {
      const html = await get(p);
      assert.ok(html.includes('Alice Renamed') && !html.includes('Alice Reporter'), `renamed: ${p}`);
    }

    // A request to vanish empties her pages, and the thread is gone.
    await publish(signed(alice, { kind: 62, created_at: T + 6, tags: [['relay', 'ALL_RELAYS']] }));
    for (const p of ['/timeline', `/p/${npub}`, '/t/square'])
      assert.ok(!(await get(p)).includes('first dispatch'), `vanished: ${p}`);
    assert.equal((await fetch(`${env.node.httpUrl}${thread}`)).status, 404, 'the thread root is gone');
  });
});
