import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFeed } from '@rowanmanning/feed-parser';
import { npubEncode } from 'nostr-tools/nip19';
import {
  blogPath,
  buildBlog,
  buildComment,
  buildCorrection,
  buildEntry,
  buildEntryDeletion,
  buildNextDay,
  buildUpdate,
  parseBlog,
} from '@lifeline/liveblog';
import { keys, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { webDir } from '../web-dir.js';

const T = Math.floor(Date.now() / 1000) - 3600;

describe('live-blog pages, feeds and caching against a real node', () => {
  const env = nodeSuite({ client: true, node: { webDir } });
  const host = keys();
  const coeditor = keys();
  const reader = keys();
  async function publish(ev: { id: string }) {
    const ok = await env.client.publish(ev);
    assert.equal(ok[2], true, String(ok[3]));
  }
  const get = (path: string, headers: Record<string, string> = {}) => fetch(env.node.httpUrl + path, { headers });

  const blogEvent = signed(
    host,
    buildBlog(
      {
        d: 'tehran-2009-06-14',
        title: 'Iran election protests, live',
        summary: 'Coverage from Tehran',
        timeZone: 'Asia/Tehran',
        editors: [coeditor.pk],
      },
      T,
    ),
  );
  const blog = parseBlog(blogEvent);
  const path = blogPath(host.pk, blog.d);

  test('a missing blog is 404; a bad npub is 400; nothing else breaks', async () => {
    assert.equal((await get(`/live/${npubEncode(host.pk)}/nothing`)).status, 404);
    const bad = await get('/live/npub1garbage/x');
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /npub/);
    assert.equal((await get('/', { accept: 'application/nostr+json' })).status, 200);
  });

  test('entries by editors, newest first, key events on top, updates, corrections, embeds; comments apart', async () => {
    await publish(blogEvent);
    const tweet = signed(reader, { content: 'Crowds on Azadi street', created_at: T });
    const forged = { ...tweet, content: 'Fabricated words' };
    const fax = signed(
      host,
      buildEntry(blog, { headline: 'The revolution will be faxed', body: 'A **fax** arrived.', via: 'fax' }, T + 60),
    );
    const rally = signed(
      coeditor,
      buildEntry(blog, { headline: 'Rally at Azadi', body: 'Thousands.', keyEvent: true, embeds: [tweet] }, T + 120),
    );
    const fabricated = signed(
      host,
      buildEntry(blog, { headline: 'A doubtful post', body: 'Shared with us.', embeds: [forged] }, T + 180),
    );
    const persian = signed(
      host,
      buildEntry(
        blog,
        { headline: 'خبر از تهران', body: 'مردم در خیابان‌ها <script>x</script>', via: 'reader Alex' },
        T + 240,
      ),
    );
    const outsider = signed(reader, {
      kind: 1312,
      tags: [
        ['a', blog.coordinate],
        ['title', 'Not an editor'],
      ],
      content: 'fake',
      created_at: T + 250,
    });
    for (const e of [tweet, fax, rally, fabricated, persian, outsider]) await publish(e);
    await publish(signed(host, buildUpdate(blog, fax.id, 'A second fax confirms it.', T + 300)));
    await publish(
      signed(
        coeditor,
        buildCorrection(
          blog,
          rally.id,
          { headline: 'Rally at Azadi', body: 'Hundreds of thousands.', keyEvent: true, embeds: [tweet] },
          'We first said thousands.',
          T + 360,
        ),
      ),
    );
    await publish(signed(reader, buildComment(blog, 'Stay safe, everyone', T + 400)));

    const res = await get(path);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    const html = await res.text();
    const order = [...html.matchAll(/<h2 dir="auto">(?:<span class="key"[^>]*>★<\/span> )?([^<]+)<\/h2>/g)].map(
      (m) => m[1],
    );
    assert.deepEqual(order, ['خبر از تهران', 'A doubtful post', 'Rally at Azadi', 'The revolution will be faxed']);
    assert.ok(html.indexOf('Key events') < html.indexOf('<main'));
    assert.match(html, /Hundreds of thousands\./);
    assert.match(html, /We first said thousands\./);
    assert.match(html, /A second fax confirms it\./);
    assert.match(html, /Crowds on Azadi street/);
    assert.match(html, /signature verified/);
    assert.doesNotMatch(html, /Fabricated words/, "a tampered embed is never shown as its author's words");
    assert.match(html, /could not be verified/);
    assert.doesNotMatch(html, /Not an editor/);
    assert.doesNotMatch(html, /<script>x/);
    assert.match(html, /via <bdi>reader Alex<\/bdi>/);
    assert.ok(html.indexOf('Stay safe, everyone') > html.indexOf('</main>'), 'comments come after the entries, apart');
    assert.match(html, /GMT\+[34]:30/, "times in the blog's zone (Tehran)");
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
    assert.equal(ld['@type'], 'LiveBlogPosting');
    assert.equal(ld.liveBlogUpdate.length, 4);
    assert.ok(ld.coverageStartTime);

    const permalink = await get(`${path}/entry/${fax.id}`);
    assert.equal(permalink.status, 200);
    const one = await permalink.text();
    assert.equal([...one.matchAll(/<article /g)].length, 1);
    assert.match(one, /The revolution will be faxed/);
    assert.equal((await get(`${path}/entry/${'0'.repeat(64)}`)).status, 404);
  });

  test('ETag and Last-Modified revalidate until a new entry changes the page', async () => {
    const first = await get(path);
    const etag = first.headers.get('etag')!;
    const lastModified = first.headers.get('last-modified')!;
    assert.ok(etag && lastModified);
    assert.equal((await get(path, { 'if-none-match': etag })).status, 304);
    assert.equal((await get(path, { 'if-modified-since': lastModified })).status, 304);
    await publish(signed(host, buildEntry(blog, { headline: 'Newest entry', body: 'Just in.' }, T + 500)));
    const changed = await get(path, { 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.match(await changed.text(), /Newest entry/);
  });

  test('a deleted entry is gone from the page and the feeds', async () => {
    const doomed = signed(host, buildEntry(blog, { headline: 'Posted by mistake', body: 'oops' }, T + 550));
    await publish(doomed);
    assert.match(await (await get(path)).text(), /Posted by mistake/);
    await publish(signed(host, buildEntryDeletion([doomed.id])));
    assert.doesNotMatch(await (await get(path)).text(), /Posted by mistake/);
    assert.doesNotMatch(await (await get(`${path}/feed.atom`)).text(), /Posted by mistake/);
  });

  test('Atom parses with a real feed parser; JSON Feed 1.1 parses', async () => {
    const atomRes = await get(`${path}/feed.atom`);
    assert.match(atomRes.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const feed = parseFeed(await atomRes.text());
    assert.equal(feed.title, 'Iran election protests, live');
    assert.equal(feed.items[0]!.title, 'Newest entry');
    assert.ok(
      feed.items.some(
        (i) => i.title === 'The revolution will be faxed' && (i.content ?? '').includes('A second fax confirms it.'),
      ),
    );
    assert.match(feed.items[0]!.url!, new RegExp(`^${env.node.httpUrl}/live/npub1`));
    const json = (await (await get(`${path}/feed.json`)).json()) as {
      version: string;
      items: Array<{ title: string; url: string }>;
    };
    assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
    assert.equal(json.items[0]!.title, 'Newest entry');
  });

  test('older entries are paginated; the archive and the next day link both ways', async () => {
    for (let i = 0; i < 55; i++)
      await publish(signed(host, buildEntry(blog, { headline: `Bulk ${i}`, body: 'x' }, T + 600 + i)));
    const html = await (await get(path)).text();
    assert.equal([...html.matchAll(/<article /g)].length, 50);
    const older = /href="([^"]+\?before=\d+)">Older entries/.exec(html)![1]!;
    const page2 = await (await get(older.replace(/&amp;/g, '&'))).text();
    assert.match(page2, /The revolution will be faxed/);
    assert.equal((await get(`${path}?before=yesterday`)).status, 400);

    const { ended, started } = buildNextDay(blog, { d: 'tehran-2009-06-15', title: 'Iran, Monday' });
    await publish(signed(host, ended));
    await publish(signed(host, started));
    const archive = await (await get(path)).text();
    assert.match(archive, /This is the archive of .*For the latest, click here/s);
    assert.match(archive, new RegExp(`href="${blogPath(host.pk, 'tehran-2009-06-15')}"`));
    const monday = await (await get(blogPath(host.pk, 'tehran-2009-06-15'))).text();
    assert.match(monday, new RegExp(`href="${path}"`));
    assert.match(monday, /Earlier coverage: Iran election protests, live/);
  });

  test('the page and its reader script are served; the script is an external file', async () => {
    const html = await (await get(path)).text();
    assert.match(html, /<script src="\/live\/assets\/reader.js" defer><\/script>/);
    assert.equal((await get('/live/assets/reader.js')).status, 200);
    assert.equal((await get('/live/assets/live.css')).status, 200);
  });
});
