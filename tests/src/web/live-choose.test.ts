import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, waitUntil } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, the live-blog editor in Persian on a phone (390×844): "Embed in live-blog" asks which
 * blog (or says to create one first); "Create" opens the new blog's editor ready to write, with the
 * post attached; the attribution buttons speak Persian while filling in the blog's own language.
 * (English at desktop size: live-editor.test.ts.)
 */

const env = nodeSuite({ browser: true, node: { webDir } });

async function post(page: Page, text: string): Promise<void> {
  const form = page.getByRole('form', { name: 'نوشتن' }).first();
  await form.getByRole('textbox').fill(text);
  await form.getByRole('button', { name: 'ارسال' }).click();
  await form.getByTestId('publish-results').waitFor();
}

test('Persian, phone: embed asks which blog, Create opens the editor, attribution buttons in Persian', async () => {
  const { page } = await env.chrome.newUser();
  await page.setViewportSize({ width: 390, height: 844 });
  const u = new AppUser(page, env.node.httpUrl);
  await u.signUp('a passphrase for the live desk');
  await page.getByRole('button', { name: 'More', exact: true }).click();
  await page.getByRole('combobox', { name: 'Language / زبان' }).selectOption('fa');
  await u.go('#/everyone');
  await post(page, 'جمعیت در میدان آزادی');
  const note = page.getByTestId('note').filter({ hasText: 'جمعیت در میدان آزادی' }).first();

  // No blog yet: the app says so, and the new blog opens with the post attached, cursor in the headline.
  await note.getByRole('button', { name: 'جاسازی در پوشش زنده' }).click();
  await page.getByTestId('choose-blog').getByText('هنوز پوشش زنده‌ای ندارید').waitFor();
  const create = page.getByRole('form', { name: 'پوشش زندهٔ تازه' });
  await create.getByLabel('عنوان').fill('Tehran, live');
  await create.getByRole('button', { name: 'ساختن پوشش زنده' }).click();
  await page.getByRole('heading', { name: 'Tehran, live' }).waitFor();
  await waitUntil(page, `document.activeElement?.name === 'headline'`);
  await page.getByTestId('pending-embed').getByText('جمعیت در میدان آزادی').waitFor();

  // The quick attribution buttons read in Persian; on this English blog they fill in English.
  const form = page.getByRole('form', { name: 'انتشار مطلب' });
  const picks = form.getByRole('group', { name: 'منبع سریع' }).getByRole('button');
  assert.deepEqual(await picks.allTextContents(), [
    'از طریق خواننده …',
    'از طریق فکس',
    'از طریق پیامک',
    'از طریق ایمیل',
  ]);
  await form.getByRole('button', { name: 'از طریق فکس' }).click();
  assert.equal(await form.getByLabel('منبع (از طریق …)').inputValue(), 'fax');
  await form.getByLabel('تیتر').fill('First report');
  await form.getByRole('button', { name: 'انتشار مطلب' }).click();
  await page.getByTestId('live-entries').getByText('First report').waitFor();
  const reader = (await page.getByTestId('reader-link').getAttribute('href')) ?? '';
  const html = await (await fetch(env.node.httpUrl + reader)).text();
  assert.match(html, /class="embed verified"[\s\S]*جمعیت در میدان آزادی/);

  // With a blog: the app asks which one; the choice opens its editor with the post attached.
  await u.go('#/everyone');
  await post(page, 'گاز اشک‌آور در خیابان');
  await page
    .getByTestId('note')
    .filter({ hasText: 'گاز اشک‌آور در خیابان' })
    .first()
    .getByRole('button', { name: 'جاسازی در پوشش زنده' })
    .click();
  await page.getByTestId('choose-blog').getByRole('button', { name: 'جاسازی در «Tehran, live»' }).click();
  await page.getByRole('heading', { name: 'Tehran, live' }).waitFor();
  await page.getByTestId('pending-embed').getByText('گاز اشک‌آور در خیابان').waitFor();
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});
