import { test } from 'node:test';
import assert from 'node:assert/strict';
import { npubEncode, nsecEncode } from 'nostr-tools/nip19';
import type { Page } from 'playwright-core';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { axeViolations, foreignRequests, formatViolations } from '@lifeline/testkit/browser';
import { seedTimeline } from './seed.js';
import { webDir } from '../web-dir.js';

/*
 * Every screen of the web app through axe-core in Chromium: no serious or critical violation, in
 * English and Persian, at desktop and phone sizes (and the phone in dark mode). The user is the node's operator, a desk owner
 * with intake, so the newsroom and admin screens are reachable too.
 */

const owner = keys();
const env = nodeSuite({
  browser: true,
  node: { webDir, desk: npubEncode(owner.pk), admin: npubEncode(owner.pk), intakeLocal: true },
});
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;
const PASS = 'correct horse battery staple';
/** The buttons the walk presses, by their names in each language (as a person finds them). */
const BUTTONS = {
  en: {
    create: 'Create account',
    import: 'Import key',
    remote: 'Use a remote signer (NIP-46)',
    code: 'Show a code for my signer app',
    continue: 'Continue',
    qr: 'Show QR code',
    saved: 'I saved it',
    skip: 'Skip for now',
    wipe: 'Wipe everything on this device',
    cancel: 'Cancel',
    lock: 'Lock',
  },
  fa: {
    create: 'ساخت حساب',
    import: 'وارد کردن کلید',
    remote: 'استفاده از امضاکنندهٔ راه دور (NIP-46)',
    code: 'نمایش کد برای برنامهٔ امضاکننده',
    continue: 'ادامه',
    qr: 'نمایش کد QR',
    saved: 'ذخیره کردم',
    skip: 'فعلاً نه',
    wipe: 'پاک کردن همه چیز از این دستگاه',
    cancel: 'انصراف',
    lock: 'قفل',
  },
} as const;

/** Waits for a screen to settle: its main heading, then a moment for relay answers. */
async function settle(page: Page, selector = 'h1'): Promise<void> {
  await page.locator(selector).first().waitFor();
  await page.waitForTimeout(400);
}

for (const lang of ['en', 'fa'] as const) {
  test(`${lang}: every screen passes axe-core at desktop and phone sizes`, async () => {
    const seeded = await seedTimeline(env.node.url);
    const thread = seeded.events.find((e) => e.kind === 1)!;
    const { context, page } = await env.chrome.newUser({ locale: lang === 'fa' ? 'fa-IR' : 'en-US' });
    await context.addInitScript(`localStorage.setItem('lifeline.lang', '${lang}');`);
    page.setDefaultTimeout(20_000);
    page.on('dialog', (d) => void d.accept());
    const problems: string[] = [];
    const check = async (screen: string) => {
      for (const [size, viewport] of Object.entries(SIZES)) {
        await page.setViewportSize(viewport);
        await page.waitForTimeout(150);
        const found = await axeViolations(page);
        if (found.length) problems.push(`${lang} ${size} ${screen}:\n  ${formatViolations(found)}`);
      }
      // Phones are often in dark mode: the dark theme's colours meet the contrast rules too.
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await axeViolations(page);
      if (dark.length) problems.push(`${lang} phone dark ${screen}:\n  ${formatViolations(dark)}`);
      await page.emulateMedia({ colorScheme: 'light' });
    };
    const go = async (hash: string, screen: string, selector?: string) => {
      await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
      await settle(page, selector);
      await check(screen);
    };

    await page.goto(`${env.node.httpUrl}/`);
    assert.equal(await page.evaluate<string>('document.documentElement.lang'), lang);
    await settle(page);
    await check('onboarding');
    const button = (name: string) => page.getByRole('button', { name, exact: true });
    const b = BUTTONS[lang];
    // Key creation, the backup (with its QR code) and the name step; then Lock and Wipe.
    await button(b.create).click();
    await settle(page, 'input[type=password]');
    await check('key creation');
    await page.locator('input[name=passphrase]').fill(PASS);
    await page.locator('input[name=passphrase2]').fill(PASS);
    await button(b.continue).click();
    await settle(page, '[data-testid=ncryptsec]');
    await button(b.qr).click();
    await settle(page, '[data-testid=backup-qr]');
    await check('key backup');
    await button(b.saved).click();
    await settle(page, 'input[name=display_name]');
    await check('name step');
    await button(b.skip).click();
    await button(b.lock).first().click();
    await button(b.wipe).click();
    await button(b.remote).click();
    await settle(page, 'input[name=bunker]');
    await check('remote signer sign-in');
    await page.locator('input[name=passphrase]').fill(PASS);
    await page.locator('input[name=passphrase2]').fill(PASS);
    await button(b.code).click();
    await settle(page, '[data-testid=nostrconnect] textarea');
    await check('remote signer code');
    await button(b.cancel).click();
    // Import the operator's key (the same flow a person uses).
    await button(b.import).click();
    await page.locator('input[name=key]').fill(nsecEncode(owner.sk));
    await page.locator('input[name=passphrase]').fill(PASS);
    await page.locator('.onboarding form button[type=submit]').click();
    await settle(page, 'main');
    // Content on every screen, not empty states: a post of the user's with a reply and a like
    // (notifications), a report (admin), an SMS waiting in the intake queue.
    const form = page.locator('main form.compose').first();
    await form.locator('textarea').fill(lang === 'fa' ? 'گزارش من از خیابان' : 'My report from the street');
    await form.locator('button[type=submit]').click();
    await form.getByTestId('publish-results').waitFor();
    const raw = await RawClient.connect(env.node.url);
    const mine = (await raw.req('mine', { authors: [owner.pk], kinds: [1] })).events[0]!;
    const [friend] = seeded.people;
    for (const e of [
      signed(friend!, {
        content: 'Thank you, stay safe',
        tags: [
          ['e', mine.id, '', 'root'],
          ['p', owner.pk],
        ],
      }),
      signed(friend!, {
        kind: 7,
        content: '+',
        tags: [
          ['e', mine.id],
          ['p', owner.pk],
        ],
      }),
      signed(friend!, {
        kind: 1984,
        content: 'spam',
        tags: [
          ['e', thread.id, 'spam'],
          ['p', thread.pubkey],
        ],
      }),
    ])
      assert.equal((await raw.publish(e))[2], true);
    await raw.close();
    await env.node.intake!.intake.receive({
      channel: 'sms',
      via: 'smssync',
      address: '+989120000000',
      contact: {},
      text: lang === 'fa' ? 'گزارش پیامکی از کرج' : 'An SMS report from Karaj',
      attachments: [],
    });

    await go('#/everyone', 'everyone', '[data-testid=note]');
    await go('#/', 'home', 'main');
    await go(`#/thread/${thread.id}`, 'thread', '[data-testid=note]');
    await go(`#/p/${npubEncode(thread.pubkey)}`, 'profile', '[data-testid=note]');
    await go('#/search?q=tehran', 'search', 'main input');
    await go('#/notifications', 'notifications', 'main >> text=Thank you, stay safe');
    await go('#/settings', 'settings', 'main h1');
    await go('#/live', 'live-blog directory', 'main h1');
    // A live-blog to open in the editor and the reader.
    const create = page.locator('main form').first();
    await create
      .locator('input')
      .first()
      .fill(lang === 'fa' ? 'تهران، زنده' : 'Tehran, live');
    await create.locator('button[type=submit]').click();
    // Create opens the new blog's editor (or, in older builds, lists it with a Write link).
    const write = page.locator('[data-testid=live-blogs] li a[href$="/edit"]').first();
    const hashNow = () => page.evaluate<string>('location.hash');
    await waitFor(async () => /\/edit$/.test(await hashNow()) || (await write.count()) > 0, 'the new live-blog');
    const edit = /\/edit$/.test(await hashNow()) ? await hashNow() : ((await write.getAttribute('href')) ?? '');
    await go(edit, 'live-blog editor', 'main h1');
    await go('#/desk', 'desk', 'main h1');
    await go('#/intake', 'intake queue', '[data-testid=intake-item]');
    await go('#/admin', 'admin', '[data-testid=admin-report]');

    // The lock screen.
    await page
      .locator('header button, nav button')
      .filter({ hasText: lang === 'fa' ? 'قفل' : 'Lock' })
      .first()
      .click();
    await settle(page, 'input[name=passphrase]');
    await check('lock screen');

    // The live-blog reader page (server-rendered).
    const [, npub, d] = /^#\/live\/([^/]+)\/([^/]+)\/edit$/.exec(edit)!;
    await page.goto(`${env.node.httpUrl}/live/${npub}/${d}`);
    await settle(page, 'h1');
    await check('live-blog reader');

    assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
    assert.deepEqual(problems, [], problems.join('\n'));
    await context.close();
  });
}
