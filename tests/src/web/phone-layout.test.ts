import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'nostr-tools/nip19';
import type { Page } from 'playwright-core';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, waitUntil } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Phone layout" and the unread badge: at 390×844 a bottom tab bar (Home, Search, Live,
 * Notifications, Profile; mirrored in Persian), the composer near the top, Lock in view and Wipe
 * behind "More" (and one click from the lock screen); at desktop width the side navigation instead.
 * A reply and a new follower raise the badge; viewing the notifications clears it; a follower who
 * merely updates their list is not news.
 */

const env = nodeSuite({ browser: true, node: { webDir } });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const UI = {
  en: {
    tabs: ['Home', 'Search', 'Live', 'Notifications', 'Profile'],
    tabBar: 'Sections',
    mainNav: 'Main navigation',
    more: 'More',
    lock: 'Lock',
    wipe: 'Wipe everything on this device',
    compose: 'Compose',
    settings: 'Settings',
    unlock: 'Unlock',
    create: 'Create account',
    followed: 'followed you',
    one: '1',
    two: '2',
  },
  fa: {
    tabs: ['خانه', 'جستجو', 'زنده', 'اعلان‌ها', 'نمایه'],
    tabBar: 'بخش‌ها',
    mainNav: 'ناوبری اصلی',
    more: 'بیشتر',
    lock: 'قفل',
    wipe: 'پاک کردن همه چیز از این دستگاه',
    compose: 'نوشتن',
    settings: 'تنظیمات',
    unlock: 'باز کردن قفل',
    create: 'ساخت حساب',
    followed: 'شما را دنبال کرد',
    one: '۱',
    two: '۲',
  },
} as const;

/** The tab links of the bottom bar, by their visible label. */
function tab(page: Page, ui: (typeof UI)['en' | 'fa'], i: number) {
  return page.getByRole('navigation', { name: ui.tabBar }).getByRole('link', { name: ui.tabs[i]! });
}

for (const lang of ['en', 'fa'] as const) {
  test(`phone 390×844 and desktop (${lang}): tab bar, composer at the top, Lock then Wipe, unread badge and new followers`, async () => {
    const ui = UI[lang];
    const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
    const { page } = u;
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.setViewportSize(PHONE);
    await u.signUp(`a passphrase for the phone ${lang}`);
    const me = decode(u.npub).data as string;
    const more = page.getByRole('button', { name: ui.more, exact: true });
    if (lang === 'fa') {
      // The language switch lives behind "More" on a phone.
      await page.getByRole('button', { name: 'More', exact: true }).click();
      await page.getByRole('combobox', { name: 'Language / زبان' }).selectOption('fa');
      // The Persian strings are a chunk of their own, fetched before the layout flips.
      await waitUntil(page, "document.documentElement.dir === 'rtl'");
      assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
      await more.click();
    }
    await u.go('#/home');

    // Five tabs along the bottom edge, in reading order: left to right, or right to left in Persian.
    const boxes = [];
    for (let i = 0; i < 5; i++) {
      const box = await tab(page, ui, i).boundingBox();
      assert.ok(box, `tab ${ui.tabs[i]} is shown`);
      assert.ok(box.y + box.height >= PHONE.height - 2 && box.y > PHONE.height - 80, 'the tab bar sits at the bottom');
      boxes.push(box);
    }
    for (let i = 1; i < 5; i++) {
      if (lang === 'en') assert.ok(boxes[i]!.x > boxes[i - 1]!.x, 'tabs run left to right');
      else assert.ok(boxes[i]!.x < boxes[i - 1]!.x, 'tabs run right to left in Persian');
    }
    assert.equal(await tab(page, ui, 0).getAttribute('aria-current'), 'page');
    // Each destination is listed once: the side navigation's copies are hidden on a phone.
    const sideNav = page.getByRole('navigation', { name: ui.mainNav }).first();
    for (const name of ui.tabs) assert.equal(await sideNav.getByRole('link', { name, exact: true }).count(), 0);

    // The composer starts near the top, not under ~400 px of controls.
    const compose = await page.getByRole('form', { name: ui.compose }).first().boundingBox();
    assert.ok(compose && compose.y < 220, `composer at y=${compose?.y}`);

    // Lock is in view; Wipe and the other screens wait behind "More".
    const lock = await page.getByRole('button', { name: ui.lock, exact: true }).boundingBox();
    assert.ok(lock && lock.y < 60 && lock.x >= 0 && lock.x + lock.width <= PHONE.width, 'Lock is on screen');
    const wipe = page.getByRole('button', { name: ui.wipe });
    assert.equal(await wipe.isVisible(), false);
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    await wipe.waitFor();
    await page.getByRole('link', { name: ui.settings }).click();
    await page.locator('select[name=tz]').waitFor();
    assert.equal(await wipe.isVisible(), false, 'the menu closes once a screen is chosen');

    // A reply and a new follower raise the badge on the Notifications tab.
    const raw = await RawClient.connect(env.node.url);
    const [friend, follower] = [keys(), keys()];
    const reply = signed(friend, { content: `@you hello ${lang}`, tags: [['p', me]] });
    const list = signed(follower, { kind: 3, tags: [['p', me]] });
    for (const e of [reply, list]) assert.equal((await raw.publish(e))[2], true);
    const badge = tab(page, ui, 3).getByTestId('unread');
    await badge.filter({ hasText: ui.two }).waitFor();

    // Viewing them clears it; the follow is listed.
    await tab(page, ui, 3).click();
    const items = page.getByTestId('notifications');
    await items.locator('li[data-kind="follow"]', { hasText: ui.followed }).waitFor();
    await items.locator('li[data-kind="mention"]').waitFor();
    await badge.waitFor({ state: 'detached' });
    await tab(page, ui, 0).click();

    // The same follower updating their list is not news; someone new is.
    const later = Math.floor(Date.now() / 1000) + 1;
    const updated = signed(follower, {
      kind: 3,
      created_at: later,
      tags: [
        ['p', me],
        ['p', friend.pk],
      ],
    });
    assert.equal((await raw.publish(updated))[2], true);
    const another = signed(keys(), { kind: 3, tags: [['p', me]] });
    assert.equal((await raw.publish(another))[2], true);
    await badge.filter({ hasText: ui.one }).waitFor();
    await page.waitForTimeout(500);
    assert.equal(await badge.locator('span[aria-hidden="true"]').textContent(), ui.one);
    await raw.close();

    // Desktop: the side navigation with every link and Wipe in view; no tab bar, no "More".
    await page.setViewportSize(DESKTOP);
    assert.equal(await page.getByRole('navigation', { name: ui.tabBar }).isVisible(), false);
    assert.equal(await more.isVisible(), false);
    await wipe.waitFor();
    const side = page.getByRole('navigation', { name: ui.mainNav }).first();
    for (const name of [ui.tabs[0], ui.tabs[3], ui.tabs[4], ui.settings])
      await side.getByRole('link', { name, exact: name !== ui.tabs[3] }).waitFor();
    await side.getByTestId('unread').filter({ hasText: ui.one }).waitFor();

    // Back on the phone: Lock is one tap; Wipe is one more on the lock screen.
    await page.setViewportSize(PHONE);
    await page.getByRole('button', { name: ui.lock, exact: true }).click();
    await page.getByRole('heading', { name: ui.unlock }).waitFor();
    await page.getByRole('button', { name: ui.wipe }).click();
    await page.getByRole('button', { name: ui.create }).waitFor();
    assert.equal(await page.evaluate('localStorage.length'), 0);

    assert.deepEqual(errors, []);
    assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
  });
}
