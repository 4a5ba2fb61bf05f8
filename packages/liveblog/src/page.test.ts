import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keys, signed } from '@lifeline/testkit';
import { parseBlog } from './blog.js';
import { buildBlog, buildEntry } from './builders.js';
import { atomFeed, jsonFeed } from './feeds.js';
import { renderPage } from './page.js';
import { resolveEntries } from './resolve.js';

const T = 1_245_000_000;

function sample(lang: string, n: number) {
  const host = keys();
  const blog = parseBlog(
    signed(
      host,
      buildBlog({ d: 'day', title: lang === 'fa' ? 'تهران زنده' : 'Tehran live', lang, timeZone: 'Asia/Tehran' }, T),
    ),
  );
  const events = Array.from({ length: n }, (_, i) =>
    signed(
      host,
      buildEntry(blog, { headline: `Entry ${i}`, body: `Body ${i} <b>`, keyEvent: i === 1 }, T + 60 * (i + 1)),
    ),
  );
  const { entries, comments } = resolveEntries(blog, events);
  return { blog, entries, comments };
}

test('a page: newest first, key events on top, pagination, escaping, no inline script, JSON-LD', () => {
  const { blog, entries, comments } = sample('en', 30);
  const html = renderPage({
    blog,
    entries,
    comments,
    origin: 'https://node.example',
    modified: T + 1800,
    pageSize: 20,
  });
  assert.match(html, /<html lang="en" dir="ltr">/);
  const order = [
    ...html.matchAll(
      /<article class="entry[^"]*" id="e-[0-9a-f]+"[^>]*><header>.*?<h2 dir="auto">(?:<span class="key"[^>]*>★<\/span> )?(Entry \d+)<\/h2>/g,
    ),
  ].map((m) => m[1]);
  assert.equal(order.length, 20);
  assert.equal(order[0], 'Entry 29');
  assert.ok(html.indexOf('class="key-events"') < html.indexOf('<main'), 'key events listed above the entries');
  assert.match(html, /Entry 1<\/bdi>/);
  assert.match(html, /\?before=\d+">Older entries/);
  assert.doesNotMatch(html, /<b>/);
  assert.doesNotMatch(html, /<script>(?!$)/);
  const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
  assert.equal(ld['@type'], 'LiveBlogPosting');
  assert.equal(ld.liveBlogUpdate.length, 20);
  assert.equal(ld.liveBlogUpdate[0]['@type'], 'BlogPosting');
  assert.ok(ld.coverageStartTime);
  assert.match(html, /property="og:title" content="Tehran live"/);
  // Times are shown in the blog's zone (Tehran is UTC+4:30 in June 2009).
  assert.match(html, /GMT\+4:30/);
  const older = renderPage({
    blog,
    entries,
    comments,
    origin: 'https://node.example',
    modified: T,
    pageSize: 20,
    before: entries[19]!.time,
  });
  assert.equal([...older.matchAll(/<article /g)].length, 10);
});

test('a Persian blog is right-to-left with Persian calendar and digits', () => {
  const { blog, entries, comments } = sample('fa', 2);
  const html = renderPage({ blog, entries, comments, origin: 'https://n.example', modified: T, pageSize: 20 });
  assert.match(html, /<html lang="fa" dir="rtl">/);
  assert.match(html, /[۰-۹]/);
  assert.match(html, /رویدادهای مهم/);
});

test('Atom and JSON Feed carry every entry with absolute links', () => {
  const { blog, entries } = sample('en', 3);
  const atom = atomFeed(blog, entries, 'https://n.example', T + 500);
  assert.equal([...atom.matchAll(/<entry>/g)].length, 3);
  assert.match(
    atom,
    /<link rel="alternate" type="text\/html" href="https:\/\/n.example\/live\/npub1[a-z0-9]+\/day\/entry\/[0-9a-f]{64}"\/>/,
  );
  assert.match(atom, /&lt;p dir=&quot;auto&quot;&gt;Body 2 &amp;lt;b&amp;gt;/);
  const feed = jsonFeed(blog, entries, 'https://n.example') as { version: string; items: Array<{ title: string }> };
  assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
  assert.deepEqual(
    feed.items.map((i) => i.title),
    ['Entry 2', 'Entry 1', 'Entry 0'],
  );
});
