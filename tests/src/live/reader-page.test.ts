import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { blogPath, buildBlog, buildEntry, buildUpdate, parseBlog } from '@lifeline/liveblog';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, the live-blog reader page: no literal "--" after entry times; embedded posts name their
 * author by profile name (the npub beside it) and give a readable time, with the reader's local time
 * added by the script; feeds name people the same way and write readable times in their text; the
 * "N new" bar never covers the LIVE badge, on a phone or a desktop; the node serves its own favicon.
 */

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('live-blog reader page: names, times, the new bar and the favicon', () => {
  const env = nodeSuite({ client: true, browser: true, node: { webDir } });
  const editor = keys();
  async function publish(ev: { id: string }) {
    const ok = await env.client.publish(ev);
    assert.equal(ok[2], true, String(ok[3]));
  }
  const profile = (who: typeof editor, name: string, at?: number) =>
    signed(who, { kind: 0, content: JSON.stringify({ name }), ...(at ? { created_at: at } : {}) });

  for (const k of [
    { lang: 'en', d: 'names-en', size: { width: 1280, height: 800 }, bar: /new entr/ },
    { lang: 'fa', d: 'names-fa', size: { width: 390, height: 844 }, bar: /[۰-۹]+ مطلب/ },
  ] as const) {
    test(`${k.lang}, ${k.size.width}px: profile names and readable times, no "--", the bar clear of LIVE`, async () => {
      const witness = keys();
      await publish(profile(editor, 'Desk Editor'));
      await publish(profile(witness, 'Sara Witness'));
      const blog = parseBlog(signed(editor, buildBlog({ d: k.d, title: `Names ${k.lang}`, lang: k.lang })));
      await publish(blog.event);
      const post = signed(witness, { content: `Seen at the square (${k.lang})` });
      await publish(post);
      const first = signed(editor, buildEntry(blog, { headline: 'With an embed', body: 'x', embeds: [post] }));
      await publish(first);
      await publish(signed(editor, buildUpdate(blog, first.id, 'More people now')));
      const url = env.node.httpUrl + blogPath(editor.pk, blog.d);

      const html = await (await fetch(url)).text();
      assert.doesNotMatch(html, />--</, 'no literal -- after entry times');
      const embed = /<blockquote class="embed verified"[\s\S]*?<\/blockquote>/.exec(html)?.[0] ?? '';
      assert.match(embed, /<bdi class="author">Sara Witness<\/bdi>/);
      assert.match(embed, new RegExp(`data-npub="${npubEncode(witness.pk)}"`), 'the full npub is available');
      const visible = embed.replace(/<[^>]+>/g, ' ');
      assert.doesNotMatch(visible, ISO, 'no raw ISO time in the text');
      assert.match(embed, /<time datetime="[^"]+" data-local>/, 'the reader script adds local time to it');
      assert.match(html, /<link rel="icon" type="image\/svg\+xml" href="\/favicon.svg">/);

      // Feeds: names, npubs as nostr: URIs, readable times in the text.
      const atom = await (await fetch(`${url}/feed.atom`)).text();
      assert.match(atom, /<author><name>Desk Editor<\/name><uri>nostr:npub1[a-z0-9]+<\/uri><\/author>/);
      const content = /<content type="html">([\s\S]*?)<\/content>/.exec(atom)?.[1] ?? '';
      assert.match(content, /Sara Witness/);
      assert.doesNotMatch(content, ISO);
      const json = (await (await fetch(`${url}/feed.json`)).json()) as {
        authors: Array<{ name: string; url: string }>;
        items: Array<{ content_html: string; authors: Array<{ name: string }> }>;
      };
      assert.equal(json.authors[0]!.name, 'Desk Editor');
      assert.equal(json.authors[0]!.url, `nostr:${npubEncode(editor.pk)}`);
      assert.match(json.items[0]!.content_html, /Sara Witness/);
      assert.doesNotMatch(json.items[0]!.content_html, ISO);

      // The favicon comes from the node itself.
      const icon = await fetch(`${env.node.httpUrl}/favicon.svg`);
      assert.equal(icon.status, 200);
      assert.match(icon.headers.get('content-type') ?? '', /image\/svg\+xml/);
      assert.match(await icon.text(), /^<svg/);

      // In the browser: local time beside the embed's time; the bar never over the LIVE badge.
      const { page } = await env.chrome.newUser({ locale: k.lang === 'fa' ? 'fa-IR' : 'en-US' });
      await page.setViewportSize(k.size);
      const reqSent = page
        .waitForEvent('websocket')
        .then((ws) => ws.waitForEvent('framesent', (f) => String(f.payload).startsWith('["REQ"')));
      await page.goto(url);
      await reqSent;
      await page.locator('.embed.verified time + .local').waitFor({ timeout: 5000 });
      assert.match((await page.locator('.embed.verified .author').textContent()) ?? '', /Sara Witness/);
      await publish(signed(editor, buildEntry(blog, { headline: 'Second entry', body: 'y' })));
      const bar = page.locator('#new-bar');
      await bar.waitFor({ state: 'visible', timeout: 10_000 });
      assert.match((await bar.textContent()) ?? '', k.bar);
      for (const y of [0, 200]) {
        await page.evaluate(`window.scrollTo(0, ${y})`);
        const live = await page.locator('.status-live').boundingBox();
        const b = await bar.boundingBox();
        assert.ok(b, 'the bar is shown');
        const overlaps =
          live &&
          b.x < live.x + live.width &&
          live.x < b.x + b.width &&
          b.y < live.y + live.height &&
          live.y < b.y + b.height;
        assert.ok(!overlaps, `the bar (${JSON.stringify(b)}) must not cover LIVE (${JSON.stringify(live)})`);
      }

      // A new profile name reaches the page (the cached view is dropped).
      await publish(profile(witness, 'Sara W. (renamed)', Math.floor(Date.now() / 1000) + 1));
      const renamed = await (await fetch(url)).text();
      assert.match(renamed, /Sara W\. \(renamed\)/);
      assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
    });
  }
});
