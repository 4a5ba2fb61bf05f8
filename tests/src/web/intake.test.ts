import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { DESK_LIST_KIND } from '@lifeline/nostr';
import { buildBlog } from '@lifeline/liveblog';
import { PERSIAN_FONT, faxPage, keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import sharp from 'sharp';
import { AppUser } from './app-user.js';
import { signUpDeskMember } from './desk-member.js';
import { webDir } from '../web-dir.js';

/*
 * The review queue in the web app, end to end: a fax and an SMS arrive; a desk member opens the
 * queue, filters to faxes, sees the page image beside its OCR text, is stopped from publishing
 * the sender's number, corrects the text and publishes it with the keyboard, "via fax".
 */

const owner = keys();
// Desk lists are replaceable: each test's list must be newer than the last.
let listAt = Math.floor(Date.now() / 1000);
let publishedFaxes = 0;
const SCRIPT = {
  en: {
    fax: 'Fax',
    page1: 'Page 1',
    text: 'Text to publish',
    publish: 'Publish',
    leak: "sender's number",
    attach: /Attach the page image/,
    via: 'via fax',
  },
  fa: {
    fax: 'نمابر',
    page1: 'صفحهٔ ۱',
    text: 'متن برای انتشار',
    publish: 'انتشار',
    leak: 'شمارهٔ تماس یا نشانی فرستنده',
    attach: /پیوست تصویر صفحه/,
    via: 'از راه نمابر',
  },
} as const;
const env = nodeSuite({
  browser: true,
  client: true,
  node: { webDir, desk: npubEncode(owner.pk), intakeLocal: true, intakeFax: true },
});

for (const lang of ['en', 'fa'] as const) {
  test(`${lang}: a desk member reviews a fax in the web app and publishes it "via fax" without the number`, async () => {
    const s = SCRIPT[lang];
    const { user: u, pubkey: member } = await signUpDeskMember(env, owner, ++listAt);

    const tiff = await faxPage([
      { text: 'FAX +98 21 5550 0100   30/11/2026 10:45   P.01', font: 'DejaVu Sans Mono', pt: 9 },
      { text: 'تجمع بزرگ در میدان آزادی', font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: 'Large crowd at Azadi Square', font: 'DejaVu Serif', pt: 14 },
    ]);
    await env.node.intake!.intake.receive({
      channel: 'fax',
      via: 'hylafax',
      address: '+982155500100',
      contact: {},
      text: '',
      attachments: [{ name: 'fax.tif', type: 'image/tiff', bytes: tiff }],
    });
    await env.node.intake!.intake.receive({
      channel: 'sms',
      via: 'smssync',
      address: '+989120000000',
      contact: {},
      text: `an SMS report (${lang})`,
      attachments: [],
    });

    const page = u.page;
    await u.go('#/intake');
    await page.getByLabel('Language / زبان').first().selectOption(lang);
    await page
      .getByTestId('intake-item')
      .filter({ hasText: `an SMS report (${lang})` })
      .waitFor();
    await page.getByRole('button', { name: s.fax, exact: true }).click();
    await waitFor(async () => (await page.getByTestId('intake-item').count()) === 1, 'only the fax listed');
    const review = page.getByTestId('intake-review');
    await review.getByRole('img', { name: s.page1 }).waitFor();
    const text = review.getByLabel(s.text);
    const ocr = await text.inputValue();
    assert.match(ocr, /آزادی/);
    assert.match(ocr, /Azadi/);
    assert.ok(!ocr.replace(/\D/g, '').includes('55500100'), 'the header is not in the OCR text');
    assert.equal(await text.getAttribute('dir'), 'auto');

    await text.fill(`${ocr}\nsent from 021 5550 0100`);
    await review.getByRole('button', { name: s.publish, exact: true }).click();
    await review.getByRole('status').filter({ hasText: s.leak }).waitFor();
    // The page image beside its text, on the side the language reads from first.
    const [imgBox, textBox] = [
      (await review.getByRole('img', { name: s.page1 }).boundingBox())!,
      (await text.boundingBox())!,
    ];
    assert.ok(
      lang === 'fa' ? imgBox.x > textBox.x : imgBox.x < textBox.x,
      `${lang}: image ${imgBox.x}, text ${textBox.x}`,
    );
    if (lang === 'fa') assert.equal(await page.evaluate('document.documentElement.dir'), 'rtl');

    await text.fill('Large crowd at Azadi Square — تجمع بزرگ در میدان آزادی');
    // Black out a region of the page (say, a face) by dragging a box over it, and attach the image.
    const img = review.getByRole('img', { name: s.page1 });
    const r = (await img.boundingBox())!;
    await img.hover({ position: { x: r.width * 0.1, y: r.height * 0.02 } });
    await page.mouse.down();
    await img.hover({ position: { x: r.width * 0.9, y: r.height * 0.12 } });
    await page.mouse.up();
    await review.getByTestId('redaction-box').waitFor();
    await review.getByLabel(s.attach).check();
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('p');
    const faxes = () => env.node.intake!.store.list({ limit: 5, status: 'published', channel: 'fax' }).messages;
    await waitFor(() => faxes().length === publishedFaxes + 1, 'published', { timeoutMs: 10_000 });
    publishedFaxes++;
    const published = faxes()[0]!;
    const stored = await env.client.req('pub', { ids: [published.published!] });
    assert.equal(stored.events.length, 1);
    const event = stored.events[0]!;
    assert.equal(event.pubkey, member);
    assert.ok(event.content.includes(s.via), event.content);
    assert.ok(!JSON.stringify(event).replace(/\D/g, '').includes('55500100'));
    // The image is a new one with the box in its pixels, uploaded to the node's Blossom server.
    const url = /https?:\/\/\S+\/[0-9a-f]{64}\.png/.exec(event.content)?.[0];
    assert.ok(url, event.content);
    const png = Buffer.from(await (await fetch(url)).arrayBuffer());
    const meta = await sharp(png).metadata();
    const boxed = await sharp(png)
      .extract({
        left: Math.round(meta.width! * 0.2),
        top: Math.round(meta.height! * 0.04),
        width: Math.round(meta.width! * 0.6),
        height: Math.round(meta.height! * 0.06),
      })
      .greyscale()
      .toBuffer()
      .then((b) => sharp(b).stats());
    assert.ok(boxed.channels[0]!.max < 10, 'the redacted region is solid black');
    const below = await sharp(png)
      .extract({ left: 0, top: Math.round(meta.height! * 0.5), width: meta.width!, height: 50 })
      .greyscale()
      .stats();
    assert.ok(below.channels[0]!.mean > 200, 'the rest of the page is untouched');
  });
}

test('an SMS is published as a live-blog entry "via SMS", with its translation', async () => {
  const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await u.signUp('another correct horse battery');
  const member = decode(u.npub).data as string;
  const desk = signed(owner, {
    kind: DESK_LIST_KIND,
    created_at: ++listAt,
    tags: [
      ['d', 'lifeline-desk'],
      ['p', member],
    ],
  });
  assert.equal((await env.client.publish(desk))[2], true);
  await waitFor(() => env.node.desk.isMember(member), 'membership');
  const blog = signed(owner, buildBlog({ d: 'tehran-june', title: 'Tehran, live', editors: [member] }));
  assert.equal((await env.client.publish(blog))[2], true);
  await env.node.intake!.intake.receive({
    channel: 'sms',
    via: 'smssync',
    address: '+989127770000',
    contact: {},
    text: 'گاز اشک‌آور در خیابان ولیعصر',
    attachments: [],
  });

  const page = u.page;
  await u.go('#/intake');
  await page.getByRole('button', { name: 'SMS', exact: true }).click();
  await page.getByTestId('intake-item').filter({ hasText: 'ولیعصر' }).click();
  const review = page.getByTestId('intake-review');
  await review.getByRole('option', { name: 'Tehran, live' }).waitFor({ state: 'attached' });
  await review.getByLabel('Publish as').selectOption({ label: 'Tehran, live' });
  await review.getByLabel(/Translation/).fill('Tear gas on Vali Asr street');
  await review.getByRole('button', { name: 'Publish' }).click();
  await review.getByRole('status').filter({ hasText: 'Published' }).waitFor();
  const entries = await env.client.req('entries', { kinds: [1312], authors: [member] });
  assert.equal(entries.events.length, 1);
  const entry = entries.events[0]!;
  assert.deepEqual(
    entry.tags.find((t) => t[0] === 'via'),
    ['via', 'SMS'],
  );
  assert.ok(entry.tags.some((t) => t[0] === 'a' && t[1] === `30311:${owner.pk}:tehran-june`));
  assert.match(entry.content, /Tear gas on Vali Asr street/);
  const html = await (await fetch(`${env.node.httpUrl}/live/${npubEncode(owner.pk)}/tehran-june`)).text();
  assert.match(html, /ولیعصر/);
  assert.match(html, /<bdi>SMS<\/bdi>/);
  assert.ok(!html.includes('9127770000'));
});
