import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import { finalizeEvent } from 'nostr-tools/pure';
import { neventEncode, noteEncode, npubEncode } from 'nostr-tools/nip19';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

// The public pages without JavaScript (packages/node/src/pages), fetched by a real HTTP client
// and opened in Chromium with JavaScript off.
describe('pages without JavaScript: timeline, profile, thread, hashtag, search', () => {
  const env = nodeSuite({ client: true, browser: true });
  const alice = keys();
  const mallory = keys();
  const T = Math.floor(Date.now() / 1000) - 3600;
  const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)> "quoted" & \u202Egnp.exe';
  const root = signed(alice, { created_at: T, content: 'کتاب تازه درباره ۱۸ تیر', tags: [['t', 'كتاب']] });
  const reply = signed(mallory, { created_at: T + 1, content: hostile, tags: [['e', root.id]] });
  const imagePost = signed(alice, { created_at: T + 2, content: 'look https://images.example/photo.jpg now' });
  const profile = signed(alice, {
    kind: 0,
    created_at: T,
    content: JSON.stringify({ name: 'علی <b>', about: 'خبرنگار' }),
  });
  // A repost whose embedded "original" claims alice's key but carries someone else's signature.
  const forgedInner = {
    ...finalizeEvent({ kind: 1, created_at: T, tags: [], content: 'fake quote' }, mallory.sk),
    pubkey: alice.pk,
  };
  const fabricated = signed(mallory, {
    kind: 6,
    created_at: T + 3,
    content: JSON.stringify(forgedInner),
    tags: [['e', forgedInner.id]],
  });
  const genuine = signed(mallory, {
    kind: 6,
    created_at: T + 4,
    content: JSON.stringify(root),
    tags: [['e', root.id]],
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(env.node.httpUrl + path, { headers });

  test('every page answers 200 with an ETag, and 304 when the reader is current', async () => {
    for (const e of [profile, root, reply, imagePost, fabricated, genuine]) {
      const ok = await env.client.publish(e);
      assert.equal(ok[2], true, String(ok[3]));
    }
    const npub = npubEncode(alice.pk);
    for (const path of [
      '/timeline',
      `/p/${npub}`,
      `/e/${noteEncode(root.id)}`,
      `/e/${neventEncode({ id: root.id })}`,
      `/e/${root.id}`,
      `/t/${encodeURIComponent('کتاب')}`,
      `/search?q=${encodeURIComponent('كتاب')}`,
    ]) {
      const started = performance.now();
      const res = await get(path);
      const html = await res.text();
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', 'headers from the one HTTP boundary');
      assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/);
      const etag = res.headers.get('etag');
      assert.ok(etag, path);
      assert.ok(html.includes('<style>') && !html.includes('<script'), 'inline CSS, no script');
      assert.ok(html.includes('og:title'), 'Open Graph');
      const again = await get(path, { 'if-none-match': etag });
      assert.equal(again.status, 304, path);
      console.log(`# ${path}: ${html.length} bytes, ${(performance.now() - started).toFixed(1)} ms`);
    }
  });

  test('content: hashtag spellings fold, threads show replies, hostile text is escaped, images are not loaded', async () => {
    const tag = await (await get(`/t/${encodeURIComponent('#كتاب')}`)).text();
    assert.ok(tag.includes('کتاب تازه'), 'the Arabic-spelled tag finds the post');
    assert.ok(tag.includes('href="/#/t/%DA%A9%D8%AA%D8%A7%D8%A8"'), 'a link to the same tag in the web app');
    const thread = await (await get(`/e/${noteEncode(root.id)}`)).text();
    assert.ok(thread.indexOf('کتاب تازه') < thread.indexOf('&lt;script&gt;'), 'root first, then the reply');
    assert.ok(!thread.includes('<script>') && !thread.includes('<img'), 'hostile markup escaped');
    assert.ok(thread.includes('&quot;quoted&quot; &amp;'));
    assert.ok(thread.includes('<bdi>علی &lt;b&gt;</bdi>'), 'names isolated and escaped');
    const profilePage = await (await get(`/p/${npubEncode(alice.pk)}`)).text();
    assert.ok(profilePage.includes('خبرنگار'));
    assert.ok(!profilePage.includes('src="https://images.example'), 'a stranger image is only a link');
    assert.ok(profilePage.includes('href="https://images.example/photo.jpg"'));
    const timeline = await (await get('/timeline')).text();
    assert.equal((timeline.match(/Fabricated repost/g) ?? []).length, 1, 'only the forged repost is marked');
    assert.ok(timeline.includes('reposted'));
    assert.equal((await get('/e/note1nothing')).status, 400);
    assert.equal((await get(`/e/${'0'.repeat(64)}`)).status, 404);
    assert.equal((await get('/p/npub1nope')).status, 400);
    assert.equal((await get('/timeline?before=-3')).status, 400);
  });

  test('Atom feeds of the timeline, a hashtag and a profile parse, with escaped text and no fabricated repost', async () => {
    for (const [path, expected] of [
      ['/timeline/feed.atom', 4],
      [`/t/${encodeURIComponent('كتاب')}/feed.atom`, 1],
      [`/p/${npubEncode(alice.pk)}/feed.atom`, 2],
    ] as const) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/atom\+xml/);
      const xml = await res.text();
      const feed = parseFeed(xml);
      assert.equal(feed.items.length, expected, path);
      assert.ok(!xml.includes('fake quote'), 'the forged original is not syndicated');
      assert.equal((await get(path, { 'if-none-match': res.headers.get('etag')! })).status, 304);
    }
    const timeline = parseFeed(await (await get('/timeline/feed.atom')).text());
    assert.ok(
      timeline.items.some((i) => i.content?.includes('<script>alert(1)</script>')),
      'text survives, as text',
    );
    assert.ok((await (await get('/t/x')).text()).includes('href="/t/x/feed.atom"'), 'pages link their feed');
  });

  test('language: Accept-Language picks Persian (RTL), ?lang= switches, ETags differ', async () => {
    const fa = await get('/timeline', { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' });
    const faHtml = await fa.text();
    assert.ok(faHtml.startsWith('<!doctype html><html lang="fa" dir="rtl">'));
    assert.ok(faHtml.includes('خط زمانی عمومی'));
    assert.match(fa.headers.get('vary') ?? '', /accept-language/);
    const en = await get('/timeline?lang=en', { 'accept-language': 'fa' });
    const enHtml = await en.text();
    assert.ok(enHtml.includes('<html lang="en" dir="ltr">'));
    assert.notEqual(fa.headers.get('etag'), en.headers.get('etag'));
    assert.ok(enHtml.includes('href="/p/') && enHtml.includes('?lang=en"'), 'links keep the chosen language');
  });

  test('Chromium with JavaScript off reads the pages, RTL for Persian, no foreign requests', async () => {
    const context = await env.chrome.browser.newContext({ javaScriptEnabled: false, locale: 'fa-IR' });
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    try {
      const page = await context.newPage();
      await page.goto(`${env.node.httpUrl}/e/${noteEncode(root.id)}`);
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.equal(await page.locator('article').count(), 2);
      const direction = await page.evaluate("getComputedStyle(document.querySelector('main')).direction");
      assert.equal(direction, 'rtl');
      assert.match((await page.locator('article').nth(1).textContent()) ?? '', /<script>alert\(1\)<\/script>/);
      // The search form works without script.
      await page.fill('input[name=q]', 'كتاب');
      await Promise.all([page.waitForURL(/\/search\?q=/), page.click('button')]);
      assert.match((await page.locator('main').textContent()) ?? '', /کتاب تازه/);
      await page.click('text=English');
      assert.equal(await page.locator('html').getAttribute('dir'), 'ltr');
      await page.goto(`${env.node.httpUrl}/p/${npubEncode(alice.pk)}`);
      assert.equal(await page.locator('img').count(), 0, 'no image element at all');
      const foreign = requests.filter((u) => !u.startsWith(env.node.httpUrl));
      assert.deepEqual(foreign, [], 'nothing fetched from elsewhere');
    } finally {
      await context.close();
    }
  });
});
