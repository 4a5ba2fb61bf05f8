import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import exifr from 'exifr';
import { decode } from 'nostr-tools/nip19';
import { blogPath } from '@lifeline/liveblog';
import { startTestNode, type TestNode } from '@lifeline/testkit';
import { COMMENT, jpegWithGps } from '../media/helpers.js';
import { AppUser } from './app-user.js';
import { foreignRequests, launchChromium, type TestBrowser } from './browser.js';

/*
 * The live-blog editor in the web app: create a blog, write an English entry with an image whose
 * GPS tags never leave the browser, embed a timeline post in one step into a Persian entry, delete
 * an entry — and the server-rendered reader page shows exactly that.
 */

let chrome: TestBrowser;
let node: TestNode;
before(async () => {
  chrome = await launchChromium();
  node = await startTestNode();
});
after(async () => {
  await chrome?.close();
  await node?.stop();
});

test('an editor creates a live-blog, writes entries with an image and an embedded post, and deletes one', async () => {
  const u = new AppUser((await chrome.newUser()).page, node.httpUrl);
  await u.signUp('a passphrase for the newsroom');
  const { data: pubkey } = decode(u.npub) as { data: string };
  // What the browser itself sends: it must already be stripped before it leaves the device.
  const uploads: Buffer[] = [];
  await u.page.route('**/upload', async (route) => {
    if (route.request().method() === 'PUT') uploads.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
    await route.continue();
  });
  await u.go('#/everyone');
  await u.post('Crowds gathering on Azadi street right now');

  // A new blog.
  await u.go('#/live');
  const create = u.page.getByRole('form', { name: 'New live-blog' });
  await create.getByLabel('Title').fill('Tehran, live');
  await create.getByLabel('Time zone of the coverage').selectOption('Asia/Tehran');
  await create.getByRole('button', { name: 'Create live-blog' }).click();
  await u.page.getByTestId('live-blogs').getByText('Tehran, live').waitFor();
  await u.page.getByTestId('live-blogs').getByRole('link', { name: 'Write' }).click();

  // An English entry with attribution, key-event mark and a photo carrying GPS tags.
  const form = u.page.getByRole('form', { name: 'Publish entry' });
  await form.getByLabel('Headline').fill('The revolution will be faxed');
  await form.getByLabel(/^Entry/).fill('A **fax** arrived from a university office.');
  await form.getByLabel('Preview').locator('strong', { hasText: 'fax' }).waitFor();
  await form.getByLabel('Attribution (via …)').fill('fax');
  await form.getByLabel('Key event').check();
  await form.getByLabel(/^Image \(/).setInputFiles({ name: 'rooftop.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(320, 240) });
  await form.getByLabel('Image description (alt text)').fill('Crowd seen from a rooftop');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  await u.page.getByTestId('live-entries').getByText('The revolution will be faxed').waitFor();

  // Embed a timeline post in one step, into a Persian entry.
  await u.go('#/everyone');
  await u.note('Crowds gathering on Azadi street').getByRole('button', { name: 'Embed in live-blog' }).click();
  await u.page.getByTestId('live-blogs').getByRole('link', { name: 'Write' }).click();
  await u.page.getByTestId('pending-embed').getByText('Crowds gathering on Azadi street').waitFor();
  await form.getByLabel('Headline').fill('گزارش از خیابان آزادی');
  await form.getByLabel(/^Entry/).fill('مردم در خیابان جمع شده‌اند.');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  await u.page.getByTestId('live-entries').getByText('گزارش از خیابان آزادی').waitFor();

  // Marked as a key event after posting (a silent edit, kind 1313).
  await u.page.getByTestId('live-entries').locator('li', { hasText: 'گزارش از خیابان آزادی' }).getByRole('button', { name: 'Key event' }).click();
  await u.page.getByTestId('live-entries').locator('li', { hasText: '★ گزارش از خیابان آزادی' }).waitFor();

  // A mistaken entry, deleted again (the confirm dialog is accepted).
  await form.getByLabel('Headline').fill('Posted by mistake');
  await form.getByRole('button', { name: 'Publish entry' }).click();
  const mistaken = u.page.getByTestId('live-entries').locator('li', { hasText: 'Posted by mistake' });
  await mistaken.waitFor();
  await mistaken.getByRole('button', { name: 'Delete entry' }).click();
  await mistaken.waitFor({ state: 'detached' });

  // The reader page, fetched without JavaScript.
  const [blogD] = /\/live\/npub1[a-z0-9]+\/([^"/]+)/.exec(await u.page.getByTestId('reader-link').getAttribute('href') ?? '')!.slice(1);
  const html = await (await fetch(node.httpUrl + blogPath(pubkey, decodeURIComponent(blogD!)))).text();
  assert.match(html, /The revolution will be faxed/);
  assert.match(html, /گزارش از خیابان آزادی/);
  assert.match(html, /Crowds gathering on Azadi street right now/);
  assert.match(html, /signature verified/);
  assert.match(html, /via <bdi>fax<\/bdi>/);
  assert.match(html, /class="key-events"/);
  assert.doesNotMatch(html, /Posted by mistake/);
  const img = /<img src="([^"]+)" alt="Crowd seen from a rooftop"/.exec(html);
  assert.ok(img, 'the entry carries the uploaded image with its alt text');
  const bytes = Buffer.from(await (await fetch(img[1]!)).arrayBuffer());
  assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, 'no GPS survives');
  assert.equal(bytes.includes(Buffer.from(COMMENT)), false);
  assert.equal(bytes.includes(Buffer.from('Exif\0\0')), false, 'no EXIF block at all');

  assert.equal(uploads.length, 1);
  assert.ok(uploads[0]!.length > 0);
  assert.equal(await exifr.gps(uploads[0]!).catch(() => undefined), undefined, 'the browser stripped GPS before upload');
  assert.equal(uploads[0]!.includes(Buffer.from(COMMENT)), false, 'the browser stripped the JPEG comment before upload');

  assert.equal((html.match(/<section class="key-events"[\s\S]*?<\/section>/)?.[0].match(/<li>/g) ?? []).length, 2, 'both entries are key events');

  // A reader with a key comments from the web app; the comment stays apart from the entries.
  const reader = new AppUser((await chrome.newUser()).page, node.httpUrl);
  await reader.signUp('a passphrase for a reader');
  const commentLink = /<a href="\/#(\/live\/[^"]+)">Comment in the Lifeline app<\/a>/.exec(html);
  assert.ok(commentLink, 'the reader page links to the app for comments');
  await reader.go('#' + commentLink[1]!.replace(/&amp;/g, '&'));
  const comment = reader.page.getByRole('form', { name: 'Comment (shown apart from the entries)' });
  await comment.getByRole('textbox').fill('Stay safe, everyone');
  await comment.getByRole('button', { name: 'Send comment' }).click();
  await comment.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
  const after = await (await fetch(node.httpUrl + blogPath(pubkey, decodeURIComponent(blogD!)))).text();
  assert.ok(after.indexOf('Stay safe, everyone') > after.indexOf('</main>'), 'the comment is in the comments section');

  assert.deepEqual(foreignRequests(chrome.requests, node.httpUrl), []);
});
