import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import exifr from 'exifr';
import { decode } from 'nostr-tools/nip19';
import { decrypt } from 'nostr-tools/nip49';
import { getPublicKey } from 'nostr-tools/pure';
import { RawClient } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { jpegWithGps } from '../media/helpers.js';
import { UI_TIMEOUT } from './app-user.js';
import { DESKTOP, PHONE, readQr, sidewaysOverflow } from './issue15-helpers.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Onboarding": the passphrase rules before a key is made; the NIP-49 backup as text, as a
 * downloaded file and as a QR code, each of which opens with the passphrase to the account's key;
 * then a name and an optional avatar (uploaded through the node, stripped). English at desktop
 * size with a name and avatar; Persian on a phone, skipping the name.
 */

const env = nodeSuite({ browser: true, node: { webDir } });

test('onboarding: passphrase rules, backup as text, file and QR, then name and avatar (en desktop, fa phone)', async () => {
  const pass = 'four words make a passphrase';
  const { page } = await env.chrome.newUser();
  page.setDefaultTimeout(UI_TIMEOUT);
  await page.setViewportSize(DESKTOP);
  await page.goto(`${env.node.httpUrl}/`);
  await page.getByRole('button', { name: 'Create account' }).click();
  const rules = page.getByTestId('passphrase-rules');
  assert.match((await rules.textContent()) ?? '', /At least 8 characters/);
  assert.match((await rules.textContent()) ?? '', /Nobody can reset it/);
  // A short passphrase is refused in words.
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  await page.getByLabel('Repeat passphrase').fill('short');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('alert').filter({ hasText: /8/ }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(pass);
  await page.getByLabel('Repeat passphrase').fill(pass);
  await page.getByRole('button', { name: 'Continue' }).click();

  // The backup three ways; each decrypts with the passphrase to the same key.
  const text = page.getByTestId('ncryptsec');
  await text.filter({ hasText: 'ncryptsec1' }).waitFor();
  const ncryptsec = ((await text.textContent()) ?? '').trim();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-file').click()]);
  assert.equal(download.suggestedFilename(), 'lifeline-key-backup.txt');
  const file = readFileSync((await download.path())!, 'utf8');
  assert.match(file, /NIP-49/);
  assert.equal(file.match(/ncryptsec1[a-z0-9]+/)?.[0], ncryptsec);
  await page.getByRole('button', { name: 'Show QR code' }).click();
  assert.equal(await readQr(page.getByTestId('backup-qr')), ncryptsec);
  const pubkey = getPublicKey(decrypt(ncryptsec, pass));

  // Name and avatar.
  await page.getByRole('button', { name: 'I saved it' }).click();
  const step = page.getByRole('form', { name: 'What should people call you?' });
  await step.getByLabel('Display name').fill('Night desk');
  await step.getByLabel('Choose an image for: Avatar').setInputFiles({
    name: 'me.jpg',
    mimeType: 'image/jpeg',
    buffer: await jpegWithGps(100, 100),
  });
  await step.locator('img.avatar').waitFor();
  await step.getByRole('button', { name: 'Save and continue' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();
  const raw = await RawClient.connect(env.node.url);
  try {
    let profile: { name?: string; display_name?: string; picture?: string } = {};
    for (let i = 0; i < 50 && !profile.picture; i++) {
      const [e] = (await raw.req(`p${i}`, { kinds: [0], authors: [pubkey] })).events;
      if (e) profile = JSON.parse(e.content);
      else await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(profile.display_name, 'Night desk');
    assert.ok(profile.picture?.startsWith(`${env.node.httpUrl}/`), profile.picture);
    const bytes = Buffer.from(await (await fetch(profile.picture!)).arrayBuffer());
    assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, 'no GPS in the avatar');
    const href = await page.getByRole('link', { name: 'Profile', exact: true }).getAttribute('href');
    assert.equal(decode(href!.replace('#/p/', '')).data, pubkey);

    // Persian, phone: the rules and backup translated, right to left, the name step skipped.
    const fa = (await env.chrome.newUser({ locale: 'fa-IR' })).page;
    fa.setDefaultTimeout(UI_TIMEOUT);
    await fa.setViewportSize(PHONE);
    await fa.goto(`${env.node.httpUrl}/`);
    await fa.getByRole('button', { name: 'ساخت حساب' }).click();
    assert.match((await fa.getByTestId('passphrase-rules').textContent()) ?? '', /هیچ‌کس نمی‌تواند/);
    await fa.getByLabel('گذرواژه', { exact: true }).fill('یک گذرواژهٔ خوب و بلند');
    await fa.getByLabel('تکرار گذرواژه').fill('یک گذرواژهٔ خوب و بلند');
    await fa.getByRole('button', { name: 'ادامه' }).click();
    const faText = fa.getByTestId('ncryptsec');
    await faText.filter({ hasText: 'ncryptsec1' }).waitFor();
    const faBackup = ((await faText.textContent()) ?? '').trim();
    assert.equal(await fa.getAttribute('html', 'dir'), 'rtl');
    // The key stays left to right inside the Persian page.
    assert.equal(
      await fa.evaluate('getComputedStyle(document.querySelector("[data-testid=ncryptsec]")).direction'),
      'ltr',
    );
    const [faDownload] = await Promise.all([
      fa.waitForEvent('download'),
      fa.getByRole('link', { name: 'دریافت پروندهٔ پشتیبان' }).click(),
    ]);
    assert.match(readFileSync((await faDownload.path())!, 'utf8'), new RegExp(faBackup));
    await fa.getByRole('button', { name: 'نمایش کد QR' }).click();
    assert.equal(await readQr(fa.getByTestId('backup-qr')), faBackup);
    const qrBox = await fa.getByTestId('backup-qr').boundingBox();
    assert.ok(qrBox && qrBox.x >= 0 && qrBox.x + qrBox.width <= PHONE.width, 'the QR code fits the phone');
    assert.equal(await sidewaysOverflow(fa), 0, 'the backup screen fits the phone');
    await fa.getByRole('button', { name: 'ذخیره کردم' }).click();
    await fa.getByRole('heading', { name: 'دیگران شما را چه بنامند؟' }).waitFor();
    assert.equal(await fa.getByLabel('نام نمایشی').getAttribute('dir'), 'auto');
    await fa.getByRole('button', { name: 'فعلاً نه' }).click();
    await fa.getByRole('navigation', { name: 'ناوبری اصلی' }).first().waitFor();
    // Skipping publishes no profile.
    const faPub = getPublicKey(decrypt(faBackup, 'یک گذرواژهٔ خوب و بلند'));
    assert.equal((await raw.req('fa', { kinds: [0], authors: [faPub] })).events.length, 0);
  } finally {
    await raw.close();
  }
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'no request left the node');
});
