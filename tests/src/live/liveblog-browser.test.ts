import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blogPath, buildBlog, buildEntry, parseBlog } from '@lifeline/liveblog';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, installNip07, waitUntil } from '@lifeline/testkit/browser';
import { jpegWithGps, upload, type Descriptor } from '../media/helpers.js';
import { webDir } from '../web-dir.js';

// A reader's open page in real Chromium: local times, the live "N new entries" bar that does not
// move the page, entries with a verified embed and an uploaded image, and the same entries without JS.
describe('live-blog in Chromium: a reader sees new entries live, in English and Persian', () => {
  const env = nodeSuite({ client: true, browser: true, node: { webDir } });
  const editor = keys();
  const witness = keys();
  async function publish(ev: { id: string }) {
    const ok = await env.client.publish(ev);
    assert.equal(ok[2], true, String(ok[3]));
  }

  const cases = [
    {
      lang: 'en',
      d: 'tehran-en',
      title: 'Iran election, live',
      first: 'Crowds gather at Azadi',
      next: { headline: 'The revolution will be faxed', body: 'A **fax** from a university group.', via: 'fax' },
      post: 'Thousands walking silently toward Azadi square',
      bar: /1 new entry/,
      dir: 'ltr',
    },
    {
      lang: 'fa',
      d: 'tehran-fa',
      title: 'انتخابات ایران، زنده',
      first: 'جمعیت در میدان آزادی',
      next: { headline: 'راهپیمایی سکوت', body: 'هزاران نفر در **سکوت** راه می‌روند.', via: 'خواننده‌ای به نام الکس' },
      post: 'هزاران نفر در سکوت به سوی میدان آزادی',
      bar: /۱ مطلب/,
      dir: 'rtl',
    },
  ] as const;

  // Where the first entry sits on screen, and how far the page is scrolled (the bar must change neither).
  const position =
    "({ y: window.scrollY, top: document.querySelector('#entries article').getBoundingClientRect().top })";

  for (const k of cases) {
    test(`${k.lang}: the open page shows the "new" bar without moving, then the entry with its embed and image`, async () => {
      const blogEvent = signed(editor, buildBlog({ d: k.d, title: k.title, timeZone: 'Asia/Tehran', lang: k.lang }));
      const blog = parseBlog(blogEvent);
      await publish(blogEvent);
      const earlier = Math.floor(Date.now() / 1000) - 120;
      for (let i = 0; i < 6; i++)
        await publish(
          signed(editor, buildEntry(blog, { headline: `${k.first} ${i}`, body: 'x '.repeat(200) }, earlier + i)),
        );
      const url = env.node.httpUrl + blogPath(editor.pk, blog.d);

      const { page } = await env.chrome.newUser({
        locale: k.lang === 'fa' ? 'fa-IR' : 'en-US',
        timezoneId: 'Europe/Berlin',
      });
      // The REQ asks for events since a few seconds before the page loaded, so once it is sent the
      // new entry reaches the page either live or from the stored query.
      const reqSent = page
        .waitForEvent('websocket')
        .then((ws) => ws.waitForEvent('framesent', (f) => String(f.payload).startsWith('["REQ"')));
      await page.goto(url);
      await reqSent;
      assert.equal(await page.getAttribute('html', 'dir'), k.dir);
      assert.equal(await page.getAttribute('html', 'lang'), k.lang);
      await page.waitForSelector('#entries time + .local', { timeout: 5000 });
      await page.evaluate('window.scrollTo(0, 400)');
      const before = await page.evaluate(position);

      const photo = await upload(env.node.httpUrl, await jpegWithGps(), editor);
      assert.ok(photo.ok, `upload: ${photo.status}`);
      const image = ((await photo.json()) as Descriptor).url;
      const post = signed(witness, { content: k.post });
      await publish(post);
      const entry = signed(
        editor,
        buildEntry(blog, { ...k.next, embeds: [post], images: [{ url: image, alt: k.next.headline }], keyEvent: true }),
      );
      await publish(entry);

      const bar = page.locator('#new-bar');
      await bar.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match((await bar.textContent()) ?? '', k.bar);
      const during = await page.evaluate(position);
      assert.deepEqual(during, before, 'the bar does not push the entries');
      assert.equal(await page.locator(`#e-${entry.id}`).count(), 0, 'nothing is inserted before the reader asks');

      await bar.click();
      const article = page.locator(`#entries #e-${entry.id}`);
      await article.waitFor({ timeout: 5000 });
      assert.equal(await bar.isVisible(), false);
      assert.match((await article.locator('h2').textContent()) ?? '', new RegExp(k.next.headline));
      assert.match((await article.locator('.embed.verified').textContent()) ?? '', new RegExp(k.post));
      assert.match((await article.locator('.via').textContent()) ?? '', new RegExp(k.next.via));
      await waitUntil(
        page,
        `(() => { const img = document.querySelector('#e-${entry.id} img'); return !!img && img.complete && img.naturalWidth > 0; })()`,
      );
      assert.equal(
        await page.locator(`.key-events a[href$="${entry.id}"]`).count(),
        1,
        'the key event is listed at the top',
      );
      assert.ok((await article.locator('time + .local').count()) >= 1, 'local times for the inserted entry too');

      // The same page with JavaScript off (Tor Browser's safest mode) has the same entries.
      const ids = await page.$$eval('#entries article', (as) => as.map((a) => a.id));
      const noJs = await env.chrome.browser.newContext({ javaScriptEnabled: false });
      const plain = await noJs.newPage();
      await plain.goto(url);
      assert.deepEqual(await plain.$$eval('#entries article', (as) => as.map((a) => a.id)), ids);
      assert.equal(await plain.locator('.local').count(), 0);
      assert.match((await plain.locator(`#e-${entry.id} .embed.verified`).textContent()) ?? '', new RegExp(k.post));
      await noJs.close();
      assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'no third-party requests');
    });
  }

  test('a reader with a key (NIP-07) comments; the comment lands apart from the entries', async () => {
    const reader = keys();
    const blogEvent = signed(editor, buildBlog({ d: 'comments', title: 'Comments welcome' }));
    const blog = parseBlog(blogEvent);
    await publish(blogEvent);
    await publish(signed(editor, buildEntry(blog, { headline: 'First entry', body: 'x' })));
    const url = env.node.httpUrl + blogPath(editor.pk, blog.d);

    const { page: keyless } = await env.chrome.newUser();
    await keyless.goto(url);
    await keyless.waitForSelector('#entries time + .local');
    assert.equal(await keyless.locator('.comment-form').count(), 0, 'no form without a key');

    const { context, page } = await env.chrome.newUser();
    await installNip07(context, reader);
    await page.goto(url);
    await page.locator('.comment-form textarea').fill('Stay safe out there <b>');
    await page.locator('.comment-form button').click();
    await page.locator('.comment-form .status', { hasText: 'published' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('.comments li p', { hasText: 'Stay safe out there <b>' }).count(), 1);

    const html = await (await fetch(url)).text();
    const comments = html.indexOf('class="comments"');
    assert.ok(comments > html.indexOf('</main>'));
    assert.ok(html.indexOf('Stay safe out there &lt;b&gt;') > comments, 'stored, escaped, in the comments section');
    assert.equal([...html.matchAll(/<article /g)].length, 1, 'a comment is never an entry');
  });

  test('a 5,000-character word wraps: the page never scrolls sideways, on a phone either', async () => {
    const blogEvent = signed(editor, buildBlog({ d: 'long-word', title: 'x'.repeat(300) }));
    const blog = parseBlog(blogEvent);
    await publish(blogEvent);
    const word = 'آزادی'.repeat(1000);
    await publish(signed(editor, buildEntry(blog, { headline: 'h'.repeat(400), body: word, via: 'v'.repeat(500) })));
    const { page } = await env.chrome.newUser();
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 800 });
      await page.goto(env.node.httpUrl + blogPath(editor.pk, blog.d));
      const { scroll, client } = await page.evaluate<{ scroll: number; client: number }>(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      );
      assert.ok(scroll <= client, `${width}px: the page is ${scroll}px wide in a ${client}px window`);
    }
  });
});
