import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode } from 'nostr-tools/nip19';
import { blogPath, buildBlog, buildEntry, parseBlog } from '@lifeline/liveblog';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';

// The directory of the node's live-blogs (/live/) and each curator's (/live/<npub>), without JavaScript.
describe('live-blog directory pages', () => {
  const env = nodeSuite({ client: true, browser: true });
  const curator = keys();
  const other = keys();
  const T = Math.floor(Date.now() / 1000) - 7200;

  test('/live/ lists every blog, most recently updated first, with status, title and summary', async () => {
    const old = signed(curator, buildBlog({ d: 'day-1', title: 'Day one', summary: 'First day', status: 'ended' }, T));
    const fresh = signed(
      curator,
      buildBlog({ d: 'day-2', title: 'روز دوم <i>', summary: 'گزارش زنده', lang: 'fa' }, T + 10),
    );
    const theirs = signed(other, buildBlog({ d: 'x', title: 'Elsewhere' }, T + 20));
    // An entry makes day one the most recently updated, though its blog event is older.
    const entry = signed(curator, buildEntry(parseBlog(old), { headline: 'late', body: 'late entry' }, T + 30));
    for (const e of [old, fresh, theirs, entry]) {
      const ok = await env.client.publish(e);
      assert.equal(ok[2], true, String(ok[3]));
    }
    const res = await fetch(`${env.node.httpUrl}/live/`);
    assert.equal(res.status, 200);
    const html = await res.text();
    const order = ['Day one', 'Elsewhere', 'روز دوم'].map((t) => html.indexOf(t));
    assert.ok(
      order.every((i, k) => i > 0 && (k === 0 || i > order[k - 1]!)),
      `order ${order}`,
    );
    assert.ok(html.includes('<strong>Ended</strong>') && html.includes('<strong>Live</strong>'));
    assert.ok(html.includes('روز دوم &lt;i&gt;') && html.includes('گزارش زنده'));
    assert.ok(html.includes(`href="${blogPath(curator.pk, 'day-1')}"`));
    const etag = res.headers.get('etag')!;
    assert.equal((await fetch(`${env.node.httpUrl}/live/`, { headers: { 'if-none-match': etag } })).status, 304);
    assert.equal((await fetch(`${env.node.httpUrl}/live`, { redirect: 'manual' })).status, 301);

    const mine = await (await fetch(`${env.node.httpUrl}/live/${npubEncode(curator.pk)}`)).text();
    assert.ok(mine.includes('Day one') && mine.includes('روز دوم') && !mine.includes('Elsewhere'));
    assert.equal((await fetch(`${env.node.httpUrl}/live/npub1bad`)).status, 400);
    const none = await fetch(`${env.node.httpUrl}/live/${npubEncode(keys().pk)}`);
    assert.equal(none.status, 200, 'a curator with no blogs has an empty directory, not an error');
  });

  test('Chromium without JavaScript: Persian directory in RTL, links lead to the reader page', async () => {
    const context = await env.chrome.browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${env.node.httpUrl}/live/?lang=fa`);
      assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
      assert.match((await page.locator('h1').textContent()) ?? '', /گزارش‌های زنده/);
      await Promise.all([page.waitForURL(/\/live\/npub1[^/]+\/day-1$/), page.click('text=Day one')]);
      assert.match((await page.locator('body').textContent()) ?? '', /late entry/);
    } finally {
      await context.close();
    }
  });
});
