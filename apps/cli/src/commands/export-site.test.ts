import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { noteEncode, npubEncode } from 'nostr-tools/nip19';
import { BlobStore } from '@lifeline/blossom';
import { defaults, type Config } from '@lifeline/config';
import { buildBlog, buildEntry, buildEntryDeletion, parseBlog } from '@lifeline/liveblog';
import { openCore } from '@lifeline/node';
import { keys, signed, tempDir } from '@lifeline/testkit';
import { launchChromium, waitUntil, type TestBrowser } from '@lifeline/testkit/browser';
import { cli } from '../testing.js';

// The exporter run as a user would, on a real node's data directory, and its folder opened from
// file:// in Chromium: pages render, relative links work, verify.html proves the signatures, and a
// tampered event is named.
const root = tempDir('lifeline-export-site-');
const data = join(root, 'node');
const out = join(root, 'site');
const config = (): Config => ({ ...defaults(), logLevel: 'silent', data });
const editor = keys();
const blogEvent = signed(
  editor,
  buildBlog({ d: 'tehran-day-1', title: 'تهران، زنده', lang: 'fa', timeZone: 'Asia/Tehran' }),
);
const blog = parseBlog(blogEvent);
const image = Buffer.from('GIF89a-not-really-an-image-but-bytes');
let sha = '';
const t0 = 1_780_000_000;
const entries = [0, 1, 2].map((i) =>
  signed(editor, buildEntry(blog, { headline: `خبر ${i}`, body: `متن **${i}**` }, t0 + i)),
);
const post = signed(editor, {
  kind: 1,
  created_at: t0 + 10,
  tags: [['t', 'کتاب']],
  content: 'a note about books #کتاب',
});
const reply = signed(keys(), { kind: 1, created_at: t0 + 20, tags: [['e', post.id]], content: 'a reply' });
let chrome: TestBrowser;

before(async () => {
  const media = await BlobStore.open(join(data, 'media'));
  sha = (await media.put(image, 'image/gif', editor.pk)).blob.sha256;
  media.close();
  const withImage = signed(
    editor,
    buildEntry(
      blog,
      { headline: 'عکس', body: 'photo', images: [{ url: `https://node.example/${sha}.gif`, alt: 'a photo' }] },
      t0 + 5,
    ),
  );
  const core = await openCore(config());
  for (const e of [blogEvent, ...entries, withImage, post, reply])
    assert.ok((await core.relay.addEvent(e, { source: 'import' })).ok);
  await core.close();
  chrome = await launchChromium();
});
after(async () => {
  await chrome?.close();
  rmSync(root, { recursive: true, force: true });
});

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
const args = () => [
  'export-site',
  '--data',
  data,
  '--out',
  out,
  '--blog',
  `${npubEncode(editor.pk)}/${blog.d}`,
  '--profile',
  npubEncode(editor.pk),
  '--tag',
  'كتاب',
];

test('bad selectors are refused with a clear error and write nothing', async () => {
  const run = await cli(['export-site', '--data', data, '--out', out, '--blog', 'npub1nope/x']);
  assert.equal(run.code, 2, run.stderr);
  assert.match(run.stderr, /--blog npub1nope: not an npub/);
  const none = await cli(['export-site', '--data', data, '--out', out]);
  assert.match(none.stderr, /choose what to export/);
  const missing = await cli(['export-site', '--data', data, '--out', out, '--blog', `${npubEncode(editor.pk)}/nope`]);
  assert.notEqual(missing.code, 0);
  assert.match(missing.stderr, /no live-blog .*\/nope on this node/);
  assert.throws(() => statSync(out));
});

test('exports pages, media and signed events; a re-run rewrites only what changed', async () => {
  const run = await cli(args());
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /exported \d+ pages, \d+ signed events, 1 media files/);
  const list = files(out);
  const npub = npubEncode(editor.pk);
  for (const f of [
    'index.html',
    'verify.html',
    'events.js',
    'assets/site-verify.js',
    'assets/live.css',
    `media/${sha}`,
    `live/${npub}/${blog.d}/index.html`,
    `live/${npub}/${blog.d}/entry/${entries[1]!.id}.html`,
    `p/${npub}.html`,
    `t/کتاب.html`,
    `e/${noteEncode(post.id)}.html`,
  ])
    assert.ok(list.includes(f), `${f} missing from ${list.join(', ')}`);
  assert.deepEqual(readFileSync(join(out, 'media', sha)), image);
  const blogHtml = readFileSync(join(out, 'live', npub, blog.d, 'index.html'), 'utf8');
  assert.match(blogHtml, /<script type="application\/nostr\+json" id="lifeline-events">/);
  assert.match(blogHtml, new RegExp(`src="../../../media/${sha}"`));
  assert.doesNotMatch(blogHtml, /(href|src)="\/(?!\/)/, 'no root-absolute links');
  assert.doesNotMatch(blogHtml, /reader\.js/);

  const times = new Map(list.map((f) => [f, statSync(join(out, f)).mtimeMs]));
  const again = await cli(args());
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, / 0 written, \d+ unchanged/);
  for (const f of list) assert.equal(statSync(join(out, f)).mtimeMs, times.get(f), `${f} rewritten`);

  // One new entry changes the blog page and adds its permalink, and nothing else.
  const core = await openCore(config());
  const added = signed(editor, buildEntry(blog, { headline: 'تازه', body: 'new' }, t0 + 30));
  assert.ok((await core.relay.addEvent(added, { source: 'import' })).ok);
  await core.close();
  const third = await cli(args());
  assert.equal(third.code, 0, third.stderr);
  const changed = files(out).filter((f) => times.get(f) !== statSync(join(out, f)).mtimeMs);
  // Only the blog's own pages (its permalinks name the blog's newest entry) and the events list change.
  const blogDir = `live/${npub}/${blog.d}/`;
  assert.deepEqual(
    changed.filter((f) => !f.startsWith(blogDir)),
    ['.lifeline-site.json', 'events.js'],
  );
  assert.ok(changed.includes(`${blogDir}index.html`));
  assert.ok(changed.includes(`${blogDir}entry/${added.id}.html`));
  for (const f of ['verify.html', 'assets/site-verify.js', `media/${sha}`, `p/${npub}.html`, 't/کتاب.html'])
    assert.ok(!changed.includes(f), `${f} rewritten`);

  // A deleted entry (NIP-09) leaves the copy on the next run; nothing else is removed.
  const gone = `${blogDir}entry/${entries[2]!.id}.html`;
  const c2 = await openCore(config());
  assert.ok((await c2.relay.addEvent(signed(editor, buildEntryDeletion([entries[2]!.id])), { source: 'import' })).ok);
  await c2.close();
  const fourth = await cli(args());
  assert.equal(fourth.code, 0, fourth.stderr);
  assert.match(fourth.stderr, / 1 removed/);
  assert.ok(!files(out).includes(gone));
  assert.doesNotMatch(readFileSync(join(out, 'events.js'), 'utf8'), new RegExp(entries[2]!.id));
});

test('with --base-url the copy has Atom and JSON feeds linking to the published address', async () => {
  const site = join(root, 'with-feeds');
  const run = await cli([
    ...args().slice(0, 4),
    site,
    ...args().slice(5),
    '--base-url',
    'https://mirror.example/news/',
  ]);
  assert.equal(run.code, 0, run.stderr);
  const npub = npubEncode(editor.pk);
  const atom = readFileSync(join(site, 'live', npub, blog.d, 'feed.atom'), 'utf8');
  assert.match(atom, new RegExp(`https://mirror.example/news/live/${npub}/tehran-day-1/entry/`));
  assert.ok(JSON.parse(readFileSync(join(site, 'live', npub, blog.d, 'feed.json'), 'utf8')).items.length >= 3);
  assert.match(readFileSync(join(site, 'p', npub, 'feed.atom'), 'utf8'), /a note about books/);
  assert.match(
    readFileSync(join(site, 'p', `${npub}.html`), 'utf8'),
    /href="p\/npub1[^"]*\/feed\.atom"|href="npub1[^"]*\/feed\.atom"/,
  );
});

test('from file:// in Chromium: links work, signatures verify, a tampered event is named', async () => {
  const { page } = await chrome.newUser();
  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  await page.click(`text=${blog.title}`);
  await page.waitForSelector('#entries article');
  assert.match(page.url(), /^file:.*\/live\/npub1.*\/tehran-day-1\/index\.html$/);
  assert.equal(await page.locator('html').getAttribute('dir'), 'rtl');
  await waitUntil(page, "document.body.dataset.verify === 'ok'");
  assert.match((await page.textContent('#lifeline-verify')) ?? '', /All \d+ signatures valid/);
  assert.ok(await page.evaluate("document.querySelector('link[rel=stylesheet]').sheet !== null"), 'stylesheet loads');
  await page.click('.key-events a, article header a.stamp >> nth=0');
  await page.waitForSelector('#entries article');
  assert.match(page.url(), /\/entry\/[0-9a-f]{64}\.html$/);

  await page.goto(pathToFileURL(join(out, 'index.html')).href);
  await page.click('text=#کتاب');
  await page.click('article .meta a >> nth=1');
  assert.match(await page.content(), /a reply/);
  await page.click('text=Verify signatures');
  await waitUntil(page, 'document.body.dataset.verify !== undefined');
  assert.equal(await page.evaluate('document.body.dataset.verify'), 'ok');

  // Tamper with one event's content in the copy: verify.html and the page itself name it.
  const eventsJs = join(out, 'events.js');
  writeFileSync(eventsJs, readFileSync(eventsJs, 'utf8').replace('a note about books', 'a note about burning books'));
  await page.reload();
  await waitUntil(page, 'document.body.dataset.verify !== undefined');
  assert.equal(await page.evaluate('document.body.dataset.verify'), 'failed');
  const failed = (await page.textContent('#lifeline-verify-failed')) ?? '';
  assert.match(failed, new RegExp(post.id));
  assert.doesNotMatch(failed, new RegExp(reply.id));

  const threadFile = join(out, 'e', `${noteEncode(post.id)}.html`);
  writeFileSync(threadFile, readFileSync(threadFile, 'utf8').replace('"a reply"', '"a forged reply"'));
  await page.goto(pathToFileURL(threadFile).href);
  await waitUntil(page, 'document.body.dataset.verify !== undefined');
  assert.equal(await page.evaluate('document.body.dataset.verify'), 'failed');
  assert.match((await page.textContent('#lifeline-verify-failed')) ?? '', new RegExp(reply.id));
  assert.ok(relative(out, threadFile));
});

test('from file:// in Chromium: verify.html names a page whose visible text was altered, untouched pages pass', async () => {
  rmSync(out, { recursive: true, force: true });
  const r = await cli(args());
  assert.equal(r.code, 0, r.stderr);
  const { page } = await chrome.newUser();
  const verify = pathToFileURL(join(out, 'verify.html')).href;
  await page.goto(verify);
  await waitUntil(page, 'document.body.dataset.verify !== undefined', 60_000);
  assert.equal(
    await page.evaluate('document.body.dataset.verify'),
    'ok',
    (await page.textContent('#lifeline-verify-failed').catch(() => '')) ?? '',
  );

  // The post's visible text is changed; its signed event embedded in the page is left as it was.
  const threadFile = join(out, 'e', `${noteEncode(post.id)}.html`);
  const html = readFileSync(threadFile, 'utf8');
  const [visible, embedded] = html.split('<script type="application/nostr+json"');
  assert.ok(visible?.includes('a note about books') && embedded?.includes('a note about books'));
  writeFileSync(
    threadFile,
    `${visible!.replaceAll('a note about books', 'a note about burning books')}<script type="application/nostr+json"${embedded}`,
  );
  await page.goto(verify);
  await waitUntil(page, 'document.body.dataset.verify !== undefined', 60_000);
  assert.equal(await page.evaluate('document.body.dataset.verify'), 'failed');
  const failed = (await page.textContent('#lifeline-verify-failed')) ?? '';
  assert.match(failed, /a note about burning books/);
  assert.match(failed, new RegExp(`e/${noteEncode(post.id)}\\.html`), 'the altered page is named');
  assert.doesNotMatch(failed, /tehran-day-1/, 'untouched pages pass');
  // The altered page's own verifier says so too.
  await page.goto(pathToFileURL(threadFile).href);
  await waitUntil(page, 'document.body.dataset.verify !== undefined');
  assert.equal(await page.evaluate('document.body.dataset.verify'), 'failed');
});
