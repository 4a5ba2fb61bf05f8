import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import exifr from 'exifr';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { jpegWithGps, upload, type Descriptor } from '../media/helpers.js';
import { AppUser } from './app-user.js';
import { DESKTOP, PHONE, readQr, sidewaysOverflow, signUpPersian } from './issue15-helpers.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Profiles": follower and following counts (NIP-45 COUNT of kind 3 #p; the author's own
 * kind 3) and their lists; avatar and banner uploaded through the node's media server and stripped;
 * display name, name, about, website and a NIP-05 identifier checked against the node's own origin
 * (the node serves /.well-known/nostr.json from its web directory, as an operator would publish it);
 * the user's npub with copy and a QR code that decodes to it. English at desktop size, Persian on a phone.
 */

// The reporter whose identifier this node vouches for, and a web directory that says so.
const reporter = keys();
const impostor = keys();
const elsewhere = keys();
const site = mkdtempSync(join(tmpdir(), 'lifeline-web-'));
cpSync(webDir, site, { recursive: true });
mkdirSync(join(site, '.well-known'));
writeFileSync(join(site, '.well-known', 'nostr.json'), JSON.stringify({ names: { sara: reporter.pk } }));

const env = nodeSuite({ browser: true, node: { webDir: site } });

test('profiles: counts and lists, images, fields, NIP-05, npub QR (en desktop, fa phone)', async () => {
  const host = new URL(env.node.httpUrl).host;
  const raw = await RawClient.connect(env.node.url);
  try {
    // The reporter's pictures live on this node (so that loading them, once allowed, stays on it).
    const stored = async (w: number, h: number) =>
      ((await (await upload(env.node.httpUrl, await jpegWithGps(w, h), reporter)).json()) as Descriptor).url;
    const [avatarUrl, bannerUrl] = [await stored(64, 64), await stored(300, 100)];
    // The reporter follows one account; two accounts follow the reporter (one changed its mind later).
    const [f1, f2, f3, followed] = [keys(), keys(), keys(), keys()];
    const events = [
      signed(reporter, {
        kind: 0,
        content: JSON.stringify({
          name: 'sara',
          display_name: 'سارا',
          about: 'Reporter in Tehran',
          website: 'https://sara.example/',
          nip05: `sara@${host}`,
          picture: avatarUrl,
          banner: bannerUrl,
        }),
      }),
      signed(impostor, { kind: 0, content: JSON.stringify({ name: 'fake', nip05: `sara@${host}` }) }),
      signed(elsewhere, { kind: 0, content: JSON.stringify({ name: 'elsewhere', nip05: 'omid@news.example' }) }),
      signed(reporter, { kind: 3, content: '', tags: [['p', followed.pk]] }),
      signed(f1, { kind: 0, content: JSON.stringify({ name: 'Follower One' }) }),
      signed(f2, { kind: 0, content: JSON.stringify({ name: 'Follower Two' }) }),
      signed(f1, { kind: 3, content: '', tags: [['p', reporter.pk]] }),
      signed(f2, {
        kind: 3,
        content: '',
        tags: [
          ['p', reporter.pk],
          ['p', followed.pk],
        ],
      }),
      signed(f3, { kind: 3, content: '', tags: [['p', followed.pk]] }),
    ];
    for (const e of events) assert.equal((await raw.publish(e))[2], true);
    const reporterNpub = npubEncode(reporter.pk);

    // English, desktop: the reporter's profile as a stranger sees it.
    const a = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
    await a.page.setViewportSize(DESKTOP);
    await a.signUp('a passphrase for profiles');
    await a.go(`#/p/${reporterNpub}`);
    await a.page.getByRole('heading', { name: /سارا/ }).waitFor();
    await a.page.getByTestId('nip05').filter({ hasText: 'verified by this node' }).waitFor();
    assert.match(
      (await a.page.getByTestId('nip05').textContent()) ?? '',
      new RegExp(`sara@${host.replace(/\./g, '\\.')}`),
    );
    assert.equal(await a.page.getByTestId('about').textContent(), 'Reporter in Tehran');
    assert.equal(await a.page.getByTestId('about').getAttribute('dir'), 'auto');
    assert.equal(await a.page.getByTestId('website').getAttribute('href'), 'https://sara.example/');
    await a.page.getByTestId('followers-count').filter({ hasText: '2 followers' }).waitFor();
    await a.page.getByTestId('following-count').filter({ hasText: '1 following' }).waitFor();
    // A stranger's pictures wait for a click: not one request for them before it.
    assert.equal(await a.page.getByTestId('avatar').count(), 0);
    assert.equal(await a.page.getByTestId('banner').count(), 0);
    assert.equal(env.chrome.requests.filter((u) => u === avatarUrl || u === bannerUrl).length, 0);
    await a.page.getByRole('button', { name: 'Load picture and banner' }).click();
    await a.page.getByTestId('avatar').waitFor();
    await a.page.getByTestId('banner').waitFor();
    assert.ok(env.chrome.requests.includes(avatarUrl));
    // The lists.
    await a.page.getByTestId('followers-count').click();
    const followers = a.page.getByTestId('followers-list');
    await followers.filter({ hasText: 'Follower One' }).filter({ hasText: 'Follower Two' }).waitFor();
    assert.equal(await followers.locator('li').count(), 2);
    await a.page.getByRole('link', { name: 'Back to the profile' }).click();
    await a.page.getByTestId('following-count').click();
    assert.equal(await a.page.getByTestId('following-list').locator('li').count(), 1);
    // Following updates the count at once.
    await a.go(`#/p/${reporterNpub}`);
    await a.page
      .getByTestId('follow')
      .filter({ hasText: /^Follow$/ })
      .click();
    await a.page.getByTestId('followers-count').filter({ hasText: '3 followers' }).waitFor();
    // An identifier that this node gives to someone else is not shown as verified.
    await a.go(`#/p/${npubEncode(impostor.pk)}`);
    await a.page.getByTestId('nip05').filter({ hasText: 'not confirmed by its domain' }).waitFor();
    // An identifier on another domain is not checked: that would tell news.example who is looking.
    await a.go(`#/p/${npubEncode(elsewhere.pk)}`);
    await a.page.getByTestId('nip05').filter({ hasText: 'not checked' }).waitFor();
    assert.equal(
      await a.page.getByRole('link', { name: 'open news.example to check' }).getAttribute('href'),
      'https://news.example/.well-known/nostr.json?name=omid',
    );
    assert.equal(env.chrome.requests.filter((u) => u.includes('news.example')).length, 0);

    // The user's own profile: fields, avatar and banner uploaded through the node.
    const me = decode(a.npub).data as string;
    await a.go('#/settings');
    const form = a.page.getByRole('form', { name: 'Edit profile' });
    await form.getByLabel('Display name').fill('Ali of the night desk');
    await form.getByLabel('Name', { exact: true }).fill('ali');
    await form.getByLabel('About').fill('Translator');
    await form.getByLabel('Website').fill('https://ali.example/');
    await form.getByLabel('Verified address (NIP-05)').fill(`ali@${host}`);
    await form
      .getByLabel('Choose an image for: Avatar')
      .setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(120, 120) });
    await form.locator('img.avatar').waitFor();
    await form
      .getByLabel('Choose an image for: Banner')
      .setInputFiles({ name: 'b.jpg', mimeType: 'image/jpeg', buffer: await jpegWithGps(600, 200) });
    await form.locator('img.banner').waitFor();
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
    const [kind0] = (await raw.req('p', { kinds: [0], authors: [me] })).events;
    const profile = JSON.parse(kind0!.content);
    assert.equal(profile.display_name, 'Ali of the night desk');
    assert.equal(profile.name, 'ali');
    assert.equal(profile.website, 'https://ali.example/');
    assert.equal(profile.nip05, `ali@${host}`);
    assert.deepEqual(Object.keys(profile).sort(), [
      'about',
      'banner',
      'display_name',
      'name',
      'nip05',
      'picture',
      'website',
    ]);
    for (const url of [profile.picture, profile.banner]) {
      assert.ok(url.startsWith(`${env.node.httpUrl}/`), url);
      const bytes = Buffer.from(await (await fetch(url)).arrayBuffer());
      assert.equal(await exifr.gps(bytes).catch(() => undefined), undefined, 'no GPS in the avatar or banner');
    }
    // No location or time-zone field in the editor.
    assert.equal(await form.getByLabel(/location|time zone/i).count(), 0);

    // The npub: shown, copyable, and a QR code that decodes to it.
    const npubCard = a.page.getByRole('region', { name: 'Your public key', exact: true });
    assert.equal(await npubCard.getByTestId('my-npub').textContent(), a.npub);
    await npubCard.getByRole('button', { name: 'Copy npub' }).click();
    await npubCard.getByRole('button', { name: 'Copied' }).waitFor();
    await npubCard.getByRole('button', { name: 'Show QR code' }).click();
    assert.equal(await readQr(npubCard.getByTestId('npub-qr')), a.npub);

    // Persian, phone: the same profile, counts in Persian digits, the list, the npub QR.
    const { page } = await env.chrome.newUser({ locale: 'fa-IR' });
    await page.setViewportSize(PHONE);
    const faNpub = await signUpPersian(page, env.node.httpUrl, 'گذرواژه‌ای برای نمایه');
    await page.evaluate(`location.hash = ${JSON.stringify(`#/p/${reporterNpub}`)}`);
    await page.getByTestId('followers-count').filter({ hasText: '۳ دنبال‌کننده' }).waitFor();
    await page.getByTestId('following-count').filter({ hasText: '۱ دنبال‌شده' }).waitFor();
    await page.getByTestId('nip05').filter({ hasText: 'تأییدشده' }).waitFor();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await sidewaysOverflow(page), 0, 'the profile fits the phone');
    await page.getByTestId('followers-count').click();
    await page.getByTestId('followers-list').filter({ hasText: 'Follower One' }).waitFor();
    await page.evaluate(`location.hash = '#/settings'`);
    const faCard = page.getByRole('region', { name: 'کلید عمومی شما', exact: true });
    assert.equal(await faCard.getByTestId('my-npub').textContent(), faNpub);
    await faCard.getByRole('button', { name: 'نمایش کد QR' }).click();
    assert.equal(await readQr(faCard.getByTestId('npub-qr')), faNpub);
    const qrBox = await faCard.getByTestId('npub-qr').boundingBox();
    assert.ok(qrBox && qrBox.width <= PHONE.width, 'the QR code fits the phone');
    assert.equal(await sidewaysOverflow(page), 0, 'Settings fit the phone');
  } finally {
    await raw.close();
  }
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'no request left the node');
});
