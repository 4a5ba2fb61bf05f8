import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, installNip07 } from '@lifeline/testkit/browser';
import { webDir } from '../web-dir.js';

/* A NIP-07 extension as the signer, and a long timeline paged in as the reader scrolls. */

const env = nodeSuite({ browser: true, node: { webDir } });

test('signs in and posts through a NIP-07 extension; the key never enters the page', async () => {
  const me = keys();
  const { context, page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  await installNip07(context, me);
  await page.goto(`${env.node.httpUrl}/`);
  await page.getByRole('button', { name: 'Use browser extension (NIP-07)' }).click();
  const form = page.getByRole('form', { name: 'Compose' }).first();
  await form.getByRole('textbox').fill('Signed by my extension');
  await form.getByRole('button', { name: 'Post' }).click();
  await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
  // A content warning (NIP-36) hides the text until the reader asks.
  await form.getByRole('textbox').fill('Photos of injuries from today');
  await form.getByLabel('Content warning').check();
  await form.getByLabel('Reason (optional)').fill('graphic');
  await form.getByRole('button', { name: 'Post' }).click();
  const hidden = page.getByTestId('note').filter({ hasText: 'graphic' }).first();
  await hidden.getByRole('button', { name: 'Show content' }).waitFor();
  const cw = page.locator(`[data-testid="note"][data-id="${await hidden.getAttribute('data-id')}"]`);
  assert.doesNotMatch((await cw.textContent()) ?? '', /injuries/);
  await cw.getByRole('button', { name: 'Show content' }).click();
  await cw.getByText('Photos of injuries from today').waitFor();

  const raw = await RawClient.connect(env.node.url);
  const { events } = await raw.req('e', { authors: [me.pk], kinds: [1], search: 'extension' });
  await raw.close();
  assert.equal(events[0]?.content, 'Signed by my extension');
  const stored = await page.evaluate<string>('JSON.stringify(localStorage)');
  assert.doesNotMatch(stored, /ncryptsec|nsec/, 'no key is stored when an extension signs');
  // "Lock" with an extension signs out of the app.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: 'Create account' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Create account' }).waitFor();
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});

test('a long timeline loads older pages as the reader scrolls', async () => {
  const author = keys();
  const raw = await RawClient.connect(env.node.url);
  const now = Math.floor(Date.now() / 1000);
  for (let i = 0; i < 75; i++) {
    const e = signed(author, { created_at: now - 100 - i * 60, content: `Paged post number ${i}` });
    await raw.publish(e);
  }
  await raw.close();
  const reader = keys();
  const { context, page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  await installNip07(context, reader, { readOnly: true, signedIn: true });
  await page.goto(`${env.node.httpUrl}/#/everyone`);
  const posts = page.getByTestId('note').filter({ hasText: 'Paged post number' });
  await posts.first().waitFor();
  // Keyboard: j moves to the next post, k back.
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const focused = await page.evaluate<string | null>(`document.activeElement.getAttribute('data-id')`);
  assert.equal(focused, await page.locator('main article[data-id]').nth(1).getAttribute('data-id'));
  const firstPage = await posts.count();
  assert.ok(firstPage < 75, `the first page is partial (${firstPage})`);
  // Scroll until the oldest post arrives.
  for (let i = 0; i < 20 && !(await page.getByText('Paged post number 74', { exact: true }).isVisible()); i++) {
    await page.mouse.wheel(0, 20_000);
    await page.waitForTimeout(300);
  }
  await page.getByText('Paged post number 74', { exact: true }).waitFor();
  assert.equal(await posts.count(), 75, 'every post once, none duplicated');
});

test("a stranger's image is not fetched until the reader asks; its alt text comes from the post", async () => {
  const stranger = keys();
  const url = `${env.node.httpUrl}/stranger-photo.png`;
  const raw = await RawClient.connect(env.node.url);
  const e = signed(stranger, {
    content: `Look at this ${url}`,
    tags: [['imeta', `url ${url}`, 'alt Crowd at the square at night']],
  });
  await raw.publish(e);
  await raw.close();
  const reader = keys();
  const { context, page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  const asked: string[] = [];
  page.on('request', (r) => asked.push(r.url()));
  await installNip07(context, reader, { readOnly: true, signedIn: true });
  await page.goto(`${env.node.httpUrl}/#/everyone`);
  const post = page.getByTestId('note').filter({ hasText: 'Look at this' }).first();
  await post.getByRole('button', { name: 'Load image' }).waitFor();
  await page.waitForTimeout(300);
  assert.ok(!asked.includes(url), 'not fetched before the click');
  await post.getByRole('button', { name: 'Load image' }).click();
  await post.getByRole('img', { name: 'Crowd at the square at night' }).waitFor({ state: 'attached' });
  for (let i = 0; i < 50 && !asked.includes(url); i++) await page.waitForTimeout(100);
  assert.ok(asked.includes(url), 'fetched after the click');
});

test('reading without an account: timelines and threads, no composer, no actions, nothing stored', async () => {
  const { page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  await page.goto(`${env.node.httpUrl}/`);
  await page.getByRole('button', { name: 'Just read, without an account' }).click();
  const post = page.getByTestId('note').filter({ hasText: 'Paged post number 0' }).first();
  await post.waitFor();
  assert.equal(await page.getByRole('form', { name: 'Compose' }).count(), 0);
  assert.equal(await post.getByRole('button').count(), 0, 'no reply/like/repost buttons without a key');
  assert.equal(await page.evaluate<number>('localStorage.length'), 0);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Create account' }).waitFor();
});
