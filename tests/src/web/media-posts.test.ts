import { test } from 'node:test';
import assert from 'node:assert/strict';
import exifr from 'exifr';
import { decode } from 'nostr-tools/nip19';
import { RawClient, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { COMMENT, jpegWithGps, sha256 } from '../media/helpers.js';
import { AppUser } from './app-user.js';
import { DESKTOP, PHONE, imagesLoaded, sidewaysOverflow, signUpPersian } from './issue15-helpers.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Images in posts": two photos carrying GPS tags, each with alt text, attached in the
 * composer at desktop size; stripped in the browser, re-encoded by the node, published with NIP-92
 * imeta tags. A Persian reader on a phone who does not follow the author sees the alt texts and
 * "load images", then the grid. Bad files and a fifth image are refused with a message.
 */

const env = nodeSuite({ browser: true, node: { webDir } });
const TEXT = 'Two photos from the square';

test('images in a post: stripped, uploaded to the node, imeta tags, click-to-load for strangers (en desktop, fa phone)', async () => {
  const a = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await a.page.setViewportSize(DESKTOP);
  const uploads: Buffer[] = [];
  // A dropped connection, as on a bad mobile network: the first upload attempt is cut.
  let dropNext = false;
  await a.page.route('**/upload', async (route) => {
    if (route.request().method() === 'PUT' && dropNext) {
      dropNext = false;
      return route.abort('connectionreset');
    }
    if (route.request().method() === 'PUT') uploads.push(route.request().postDataBuffer() ?? Buffer.alloc(0));
    await route.continue();
  });
  await a.signUp('a passphrase for photos');
  const me = decode(a.npub).data as string;
  await a.go('#/everyone');
  const form = a.page.getByRole('form', { name: 'Compose' }).first();
  const files = form.locator('input[type=file]');

  // Not an image: a clear message, nothing attached.
  await files.setInputFiles({ name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not a picture at all') });
  await form.getByRole('alert').filter({ hasText: 'not an image' }).waitFor();
  assert.equal(await form.getByRole('list', { name: 'Attached images' }).count(), 0);

  const photo1 = await jpegWithGps(320, 240);
  const photo2 = await jpegWithGps(200, 300);
  await files.setInputFiles([
    { name: 'square.jpg', mimeType: 'image/jpeg', buffer: photo1 },
    { name: 'banner.jpg', mimeType: 'image/jpeg', buffer: photo2 },
  ]);
  await form.getByLabel('Description of image 1 (alt text)').fill('Crowd in the square');
  await form.getByLabel('Description of image 2 (alt text)').fill('بنری با شعار');
  // Five in all is one too many: the fifth is left out, with a message.
  await files.setInputFiles(
    await Promise.all(
      [1, 2, 3].map(async (n) => ({ name: `x${n}.jpg`, mimeType: 'image/jpeg', buffer: await jpegWithGps(16, 16) })),
    ),
  );
  await form.getByRole('alert').filter({ hasText: 'At most 4 images' }).waitFor();
  await form.getByRole('button', { name: 'Remove image 4' }).click();
  await form.getByRole('button', { name: 'Remove image 3' }).click();
  assert.equal(await form.getByRole('list', { name: 'Attached images' }).locator('li').count(), 2);
  assert.equal(uploads.length, 0, 'nothing is uploaded before the post is sent');
  assert.equal(await form.getByRole('button', { name: 'Add images' }).isDisabled(), false);

  await form.getByRole('textbox', { name: /What is happening/ }).fill(TEXT);
  const raw = await RawClient.connect(env.node.url);
  try {
    // The upload fails: a message, nothing published, the text and images kept for another try.
    dropNext = true;
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByRole('alert').filter({ hasText: 'Something went wrong' }).waitFor();
    assert.equal((await raw.req('none', { kinds: [1], authors: [me] })).events.length, 0);
    assert.equal(await form.getByRole('list', { name: 'Attached images' }).locator('li').count(), 2);
    assert.equal(await form.getByRole('textbox', { name: /What is happening/ }).inputValue(), TEXT);
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
    assert.equal(uploads.length, 2);
    assert.equal(await form.getByRole('list', { name: 'Attached images' }).count(), 0, 'the composer is cleared');

    // The event: both URLs in the content, one imeta tag each, on the node's own origin.
    const [note] = (await raw.req('n', { kinds: [1], authors: [me] })).events;
    assert.ok(note, 'the post reached the node');
    const imeta = note.tags.filter((t) => t[0] === 'imeta');
    assert.equal(imeta.length, 2);
    const alts = ['Crowd in the square', 'بنری با شعار'];
    const dims = ['320x240', '200x300'];
    for (const [i, tag] of imeta.entries()) {
      const f = Object.fromEntries(tag.slice(1).map((p) => [p.slice(0, p.indexOf(' ')), p.slice(p.indexOf(' ') + 1)]));
      assert.ok(f.url!.startsWith(`${env.node.httpUrl}/`), f.url);
      assert.ok(note.content.includes(f.url!));
      assert.equal(f.m, 'image/jpeg');
      assert.equal(f.dim, dims[i]);
      assert.equal(f.alt, alts[i]);
      // What readers fetch: the node's bytes, whose hash is x, with no GPS, no EXIF and no comment.
      const bytes = Buffer.from(await (await fetch(f.url!)).arrayBuffer());
      assert.equal(f.x, sha256(bytes));
      assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, 'no GPS survives');
      assert.equal(bytes.includes(Buffer.from('Exif\0\0')), false, 'no EXIF block');
      assert.equal(bytes.includes(Buffer.from(COMMENT)), false, 'no comment');
    }
    assert.ok(note.content.startsWith(TEXT));
    for (const sent of uploads) {
      assert.equal(await exifr.gps(sent).catch(() => undefined), undefined, 'the browser stripped GPS before upload');
      assert.equal(sent.includes(Buffer.from('Exif\0\0')), false, 'the browser sent no EXIF block');
    }

    // The author sees their own grid at once, with the alt texts.
    const mine = a.note(TEXT);
    await mine.getByTestId('media-grid').waitFor();
    assert.deepEqual(
      await mine
        .getByTestId('media-grid')
        .locator('img')
        .evaluateAll((i) => i.map((x) => x.getAttribute('alt'))),
      alts,
    );
    // The URLs are not repeated as text under the grid.
    assert.equal(((await mine.locator('.body').textContent()) ?? '').includes('http'), false);

    // A Persian reader on a phone who does not follow the author: alt texts and a button first.
    const { page } = await env.chrome.newUser({ locale: 'fa-IR' });
    await page.setViewportSize(PHONE);
    await signUpPersian(page, env.node.httpUrl, 'گذرواژه‌ای برای خواندن');
    await page.evaluate(`location.hash = '#/everyone'`);
    const post = page.getByTestId('note').filter({ hasText: TEXT }).first();
    const hidden = post.getByTestId('media-hidden');
    await hidden.waitFor();
    assert.match((await hidden.textContent()) ?? '', /Crowd in the square/);
    assert.match((await hidden.textContent()) ?? '', /بنری با شعار/);
    assert.match((await hidden.textContent()) ?? '', /۲/);
    assert.equal(await post.locator('img').count(), 0, 'no image of a stranger is fetched before the click');
    const before = env.chrome.requests.filter((u) => /\/[0-9a-f]{64}\.jpg$/.test(u)).length;
    await hidden.getByRole('button', { name: 'بارگذاری تصویرها' }).click();
    const grid = post.getByTestId('media-grid');
    await grid.waitFor();
    assert.equal(await grid.locator('img').count(), 2);
    for (let i = 0; i < 50 && !(await imagesLoaded(grid)); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(await imagesLoaded(grid), 'both images load from the node');
    assert.ok(env.chrome.requests.filter((u) => /\/[0-9a-f]{64}\.jpg$/.test(u)).length > before);
    assert.equal(await grid.locator('img').first().getAttribute('alt'), 'Crowd in the square');
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    // The grid fits the phone's width.
    const box = await grid.boundingBox();
    assert.ok(box && box.width <= PHONE.width, `grid ${box?.width}px wide`);
    // Persian composer: the attach button and alt labels are translated.
    const faForm = page.getByRole('form', { name: 'نوشتن' }).first();
    await faForm.locator('input[type=file]').setInputFiles({ name: 'p.jpg', mimeType: 'image/jpeg', buffer: photo1 });
    await faForm.getByLabel('توضیح تصویر ۱ (متن جایگزین)').waitFor();
    assert.equal(await faForm.getByLabel('توضیح تصویر ۱ (متن جایگزین)').getAttribute('dir'), 'auto');
    assert.equal(await sidewaysOverflow(page), 0, 'the composer with an image fits the phone');
    await faForm.getByRole('button', { name: 'برداشتن تصویر ۱' }).click();

    // A reply with an image, from the phone in Persian: the reply's tags and its imeta together.
    await post.getByRole('button', { name: 'پاسخ', exact: true }).click();
    const replyForm = page.getByRole('form', { name: 'نوشتن' }).filter({ has: page.locator('textarea[id^=reply-]') });
    await replyForm
      .locator('input[type=file]')
      .setInputFiles({ name: 'r.jpg', mimeType: 'image/jpeg', buffer: photo2 });
    await replyForm.getByLabel('توضیح تصویر ۱ (متن جایگزین)').fill('همان خیابان، یک ساعت بعد');
    await replyForm.locator('textarea').fill('این هم از زاویهٔ دیگر');
    await replyForm.getByRole('button', { name: 'پاسخ', exact: true }).click();
    // The reply form closes once it is sent; the node is asked until the reply is there.
    let replies: Array<{ tags: string[][] }> = [];
    await waitFor(
      async () => (replies = (await raw.req(`r${Date.now()}`, { kinds: [1], '#e': [note.id] })).events).length > 0,
      'the reply to reach the node',
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const reply = replies[0]!;
    assert.ok(reply.tags.some((t) => t[0] === 'e' && t[1] === note.id));
    const replyImeta = reply.tags.filter((t) => t[0] === 'imeta');
    assert.equal(replyImeta.length, 1);
    assert.ok(replyImeta[0]!.includes('alt همان خیابان، یک ساعت بعد'));
    assert.ok(replyImeta[0]!.includes('dim 200x300'));
  } finally {
    await raw.close();
  }
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'no request left the node');
});
