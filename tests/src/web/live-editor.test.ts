import { test } from 'node:test';
import assert from 'node:assert/strict';
import exifr from 'exifr';
import type { Page } from 'playwright-core';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, waitUntil } from '@lifeline/testkit/browser';
import { COMMENT, jpegWithGps } from '../media/helpers.js';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * The live-blog editor in the web app, end to end: an editor creates a blog with a co-editor,
 * writes entries in English and Persian, one with an image whose GPS tags never leave the browser
 * and one embedding a timeline post; edits, corrects, updates, deletes and rolls over to the next
 * day. A reader's open page shows the "new" bar live; the page without JavaScript has the same entries.
 */

const env = nodeSuite({ browser: true, node: { webDir } });

/** Article ids of a rendered reader page, in order. */
const articleIds = (html: string) => [...html.matchAll(/<article [^>]*id="(e-[0-9a-f]{64})"/g)].map((m) => m[1]!);

/** Opens the reader page in its own browser context and resolves once its live REQ is on the wire. */
async function openReader(url: string): Promise<Page> {
  const { page } = await env.chrome.newUser();
  const reqSent = page
    .waitForEvent('websocket')
    .then((ws) => ws.waitForEvent('framesent', (f) => String(f.payload).startsWith('["REQ"')));
  await page.goto(url);
  await reqSent;
  return page;
}

/** Waits for the reader's "new" bar, clicks it, and waits for an entry with `headline`. */
async function showNew(reader: Page, headline: string): Promise<void> {
  const bar = reader.locator('#new-bar');
  await bar.waitFor({ state: 'visible', timeout: 10_000 });
  assert.match((await bar.textContent()) ?? '', /new entr/);
  await bar.click();
  await reader.locator('#entries article h2', { hasText: headline }).waitFor({ timeout: 10_000 });
  assert.equal(await bar.isVisible(), false);
}

test('an editor runs a live-blog from the web app; readers see it live and without JavaScript', async () => {
  const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await u.signUp('a passphrase for the newsroom');
  const co = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await co.signUp('a passphrase for the co-editor');
  // What the browser itself sends: it must already be stripped before it leaves the device.
  const uploads: Buffer[] = [];
  await u.page.route('**/upload', async (route) => {
    if (route.request().method() === 'PUT') uploads.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
    await route.continue();
  });
  await u.go('#/everyone');
  await u.post('Crowds gathering on Azadi street right now');

  // A new blog; a mistyped co-editor is refused with a clear message and nothing is published.
  await u.go('#/live');
  const create = u.page.getByRole('form', { name: 'New live-blog' });
  await create.getByLabel('Title').fill('Tehran, live');
  await create.getByLabel('Time zone of the coverage').selectOption('Asia/Tehran');
  await create.getByLabel(/^Co-editors/).fill('npub1notakey');
  await create.getByRole('button', { name: 'Create live-blog' }).click();
  await create.getByRole('alert').filter({ hasText: 'That is not an npub. npub1notakey' }).waitFor();
  assert.equal(await create.getByTestId('publish-results').count(), 0);
  await create.getByLabel(/^Co-editors/).fill(co.npub);
  await create.getByRole('button', { name: 'Create live-blog' }).click();
  // Created: the editor opens on the new blog, the cursor in the first entry's headline.
  await u.page.getByRole('heading', { name: 'Tehran, live' }).waitFor();
  await waitUntil(u.page, `document.activeElement?.name === 'headline'`);
  const [, npub, d] = /^\/live\/(npub1[a-z0-9]+)\/([^/]+)$/.exec(
    (await u.page.getByTestId('reader-link').getAttribute('href')) ?? '',
  )!;
  assert.equal(npub, u.npub);
  const url = `${env.node.httpUrl}/live/${npub}/${d}`;
  await u.go('#/live');
  const write = u.page
    .getByTestId('live-blogs')
    .locator('li', { hasText: 'Tehran, live' })
    .getByRole('link', { name: 'Write' });
  await write.click();
  assert.equal(await u.page.getByTestId('reader-link').getAttribute('href'), `/live/${npub}/${d}`);

  // A reader already has the page open.
  const reader = await openReader(url);

  // An English entry: attribution by quick pick, key event, a photo carrying GPS tags.
  const form = u.page.getByRole('form', { name: 'Publish entry' });
  await form.getByLabel('Headline').fill('The revolution will be faxed');
  await form.getByLabel(/^Entry/).fill('A **fax** arrived from a university office. <script>alert(1)</script>');
  await form.getByLabel('Preview').locator('strong', { hasText: 'fax' }).waitFor();
  assert.equal(await form.getByLabel('Preview').locator('script').count(), 0, 'the preview escapes markup');
  await form.getByRole('button', { name: 'via fax' }).click();
  assert.equal(await form.getByLabel('Attribution (via …)').inputValue(), 'fax');
  await form.getByLabel('Key event').check();
  const file = form.getByLabel(/^Image \(/);
  await file.setInputFiles({ name: 'rooftop.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(320, 240) });
  await form.getByRole('button', { name: 'Publish entry' }).click();
  await form.getByRole('alert').filter({ hasText: 'Describe the image' }).waitFor();
  await form.getByLabel('Image description (alt text)').fill('Crowd seen from a rooftop');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  await u.page.getByTestId('live-entries').getByText('The revolution will be faxed').waitFor();
  await showNew(reader, 'The revolution will be faxed');
  await waitUntil(
    reader,
    `(() => { const img = document.querySelector('#entries img'); return !!img && img.complete && img.naturalWidth > 0; })()`,
  );

  // A file that is not an image: a clear error, nothing uploaded, nothing published.
  await form.getByLabel('Headline').fill('Not a photo');
  await file.setInputFiles({
    name: 'fake.jpg',
    mimeType: 'image/jpeg',
    buffer: Buffer.from('this is not a JPEG at all'),
  });
  await form.getByLabel('Image description (alt text)').fill('nothing');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  await form.getByRole('alert').filter({ hasText: 'not an image' }).waitFor();
  assert.equal(uploads.length, 1);
  await file.setInputFiles([]);
  await form.getByLabel('Headline').fill('');
  await form.getByLabel('Image description (alt text)').fill('');

  // Embed a timeline post in one step, into a Persian entry.
  await u.go('#/everyone');
  await u.note('Crowds gathering on Azadi street').getByRole('button', { name: 'Embed in live-blog' }).click();
  // The app asks which blog; the choice opens its editor with the post attached.
  await u.page.getByTestId('choose-blog').getByRole('button', { name: 'Embed in “Tehran, live”' }).click();
  await u.page.getByTestId('pending-embed').getByText('Crowds gathering on Azadi street').waitFor();
  await form.getByLabel('Headline').fill('گزارش از خیابان آزادی');
  await form.getByLabel(/^Entry/).fill('مردم در خیابان جمع شده‌اند.');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  const entries = u.page.getByTestId('live-entries');
  await entries.getByText('گزارش از خیابان آزادی').waitFor();
  await showNew(reader, 'گزارش از خیابان آزادی');
  assert.match(
    (await reader
      .locator('#entries article', { hasText: 'گزارش از خیابان آزادی' })
      .locator('.embed.verified')
      .textContent()) ?? '',
    /Crowds gathering/,
  );

  // Marked as a key event after posting (a silent edit carrying the embed along), then an update.
  const persian = entries.locator('li', { hasText: 'گزارش از خیابان آزادی' });
  await persian.getByRole('button', { name: 'Key event' }).click();
  await entries.locator('li', { hasText: '★ گزارش از خیابان آزادی' }).waitFor();
  await persian.getByRole('button', { name: 'Add update', exact: true }).click();
  await persian.getByRole('form', { name: 'Add update' }).getByRole('textbox').fill('جمعیت بیشتر شده است');
  await persian.getByRole('button', { name: 'Publish update' }).click();
  await persian.filter({ hasText: '1 updates' }).waitFor();

  // A correction with a note on the English entry.
  const english = entries.locator('li', { hasText: 'The revolution will be faxed' });
  await english.getByRole('button', { name: 'Edit', exact: true }).click();
  const edit = english.getByRole('form', { name: 'Edit' });
  await edit.getByLabel(/^Entry/).fill('A **fax** arrived from a student group.');
  await edit.getByRole('radio', { name: 'Correct' }).check();
  await edit.getByRole('button', { name: 'Publish correction' }).click();
  await edit.getByRole('alert').filter({ hasText: 'Say what was wrong' }).waitFor();
  await edit.getByLabel(/^What was wrong/).fill('It came from a student group, not the university office.');
  await edit.getByRole('button', { name: 'Publish correction' }).click();
  await english.filter({ hasText: 'corrected' }).waitFor();

  // A mistaken entry, deleted again (the confirm dialog, which says copies may remain, is accepted).
  await form.getByLabel('Headline').fill('Posted by mistake');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  const mistaken = entries.locator('li', { hasText: 'Posted by mistake' });
  await mistaken.getByRole('button', { name: 'Delete entry' }).click();
  await mistaken.waitFor({ state: 'detached' });

  // The co-editor finds the blog in their own list and writes an entry.
  await co.go('#/live');
  await co.page
    .getByTestId('live-blogs')
    .locator('li', { hasText: 'Tehran, live' })
    .getByRole('link', { name: 'Write' })
    .click();
  const coForm = co.page.getByRole('form', { name: 'Publish entry' });
  await coForm.getByLabel('Headline').fill('Second editor checking in');
  await coForm.getByRole('button', { name: 'Publish entry' }).click();
  await co.page.getByTestId('live-entries').getByText('Second editor checking in').waitFor();
  assert.equal(
    await co.page.getByRole('form', { name: 'End the day and start the next' }).count(),
    0,
    'only the owner rolls the day over',
  );

  // The reader page without JavaScript: plain HTTP, then Chromium with JavaScript off.
  const html = await (await fetch(url)).text();
  assert.match(html, /The revolution will be faxed/);
  assert.match(html, /from a student group/);
  assert.match(html, /class="correction"[\s\S]*not the university office/);
  assert.match(html, /class="update"[\s\S]*جمعیت بیشتر شده است/);
  assert.match(html, /گزارش از خیابان آزادی/);
  assert.match(html, /Crowds gathering on Azadi street right now/);
  assert.match(html, /signature verified/);
  assert.match(html, /via <bdi>fax<\/bdi>/);
  assert.match(html, /Second editor checking in/);
  assert.doesNotMatch(html, /Posted by mistake|Not a photo|<script>alert/);
  assert.equal(
    (html.match(/<section class="key-events"[\s\S]*?<\/section>/)?.[0].match(/<li>/g) ?? []).length,
    2,
    'both marked entries are key events',
  );
  const ids = articleIds(html);
  assert.equal(ids.length, 3);
  const noJs = await env.chrome.browser.newContext({ javaScriptEnabled: false });
  noJs.on('request', (r) => env.chrome.requests.push(r.url()));
  const plain = await noJs.newPage();
  await plain.goto(url);
  assert.deepEqual(await plain.$$eval('#entries article', (as) => as.map((a) => a.id)), ids);
  assert.match((await plain.locator('#entries .embed.verified').textContent()) ?? '', /Crowds gathering/);
  await noJs.close();
  await reader.reload();
  assert.deepEqual(await reader.$$eval('#entries article', (as) => as.map((a) => a.id)), ids);

  // The image: GPS and comment gone both in what the browser sent and in what readers get.
  const img = /<img src="([^"]+)" alt="Crowd seen from a rooftop"/.exec(html);
  assert.ok(img, 'the entry carries the uploaded image with its alt text');
  const bytes = Buffer.from(await (await fetch(img[1]!)).arrayBuffer());
  assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, 'no GPS survives');
  assert.equal(bytes.includes(Buffer.from(COMMENT)), false);
  assert.equal(bytes.includes(Buffer.from('Exif\0\0')), false, 'no EXIF block at all');
  assert.equal(uploads.length, 1);
  assert.ok(uploads[0]!.length > 0);
  assert.equal(
    await exifr.gps(uploads[0]!).catch(() => undefined),
    undefined,
    'the browser stripped GPS before upload',
  );
  assert.equal(uploads[0]!.includes(Buffer.from('Exif\0\0')), false, 'the browser sent no EXIF block');
  assert.equal(
    uploads[0]!.includes(Buffer.from(COMMENT)),
    false,
    'the browser stripped the JPEG comment before upload',
  );

  // End the day: both events published, the new day opens in the editor, the old page points to it.
  const nextDay = u.page.getByRole('form', { name: 'End the day and start the next' });
  await nextDay.getByLabel(/^Title of the next day/).fill('Tehran, live: day 2');
  await nextDay.getByRole('button', { name: 'End the day and start the next' }).click();
  await u.page.getByRole('heading', { name: 'Tehran, live: day 2' }).waitFor();
  const [, d2] = /\/live\/npub1[a-z0-9]+\/([^/]+)$/.exec(
    (await u.page.getByTestId('reader-link').getAttribute('href')) ?? '',
  )!;
  assert.notEqual(d2, d);
  const archived = await (await fetch(url)).text();
  assert.match(archived, new RegExp(`class="archive"[^]*href="/live/${npub}/${d2}"`));
  assert.match(
    await (await fetch(`${env.node.httpUrl}/live/${npub}/${d2}`)).text(),
    new RegExp(`href="/live/${npub}/${d}"`),
  );

  // A reader with a key comments from the web app; the comment stays apart from the entries.
  const commenter = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await commenter.signUp('a passphrase for a reader');
  const commentLink = /<a href="\/#(\/live\/[^"]+)">Comment in the Lifeline app<\/a>/.exec(html);
  assert.ok(commentLink, 'the reader page links to the app for comments');
  await commenter.go(`#${commentLink[1]!.replace(/&amp;/g, '&')}`);
  const comment = commenter.page.getByRole('form', { name: 'Comment (shown apart from the entries)' });
  await comment.getByRole('textbox').fill('Stay safe, everyone');
  await comment.getByRole('button', { name: 'Send comment' }).click();
  await comment.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
  const withComment = await (await fetch(url)).text();
  assert.ok(
    withComment.indexOf('Stay safe, everyone') > withComment.indexOf('</main>'),
    'the comment is in the comments section',
  );

  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});
