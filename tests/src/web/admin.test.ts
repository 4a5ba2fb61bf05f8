import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nsecEncode, npubEncode } from 'nostr-tools/nip19';
import { keys, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * The operator's admin page, end to end in Chromium: the operator imports their key, removes a
 * reported post from the NIP-56 queue, bans a spammer by npub and lifts the ban, renames the relay
 * in Persian; every action is a NIP-86 call signed in the page (NIP-98), checked over a WebSocket.
 * Someone else sees that the page is for the operator only.
 */

const operator = keys();
const spammer = keys();
const alice = keys();
const reporter = keys();
const env = nodeSuite({ browser: true, client: true, node: { webDir, admin: npubEncode(operator.pk) } });

test('the operator works the reports queue, bans and unbans a key, and renames the relay', async () => {
  const post = signed(alice, { content: 'an illegal post' });
  const spam = signed(spammer, { content: 'buy pills' });
  const report = signed(reporter, {
    kind: 1984,
    tags: [
      ['e', post.id, 'illegal'],
      ['p', alice.pk],
    ],
    content: 'doxxing',
  });
  for (const e of [post, spam, report]) assert.equal((await env.client.publish(e))[2], true);

  const page = (await env.chrome.newUser()).page;
  page.setDefaultTimeout(20_000);
  await page.goto(`${env.node.httpUrl}/`);
  await page.getByRole('button', { name: 'Import key' }).click();
  await page.getByLabel('nsec or ncryptsec').fill(nsecEncode(operator.sk));
  await page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('link', { name: 'Admin', exact: true }).click();

  const item = page.getByTestId('admin-report');
  await item.filter({ hasText: 'illegal: doxxing' }).waitFor();
  await item.getByRole('button', { name: 'Remove post' }).click();
  await page.getByRole('status').filter({ hasText: 'erased' }).waitFor();
  await page.getByText('No reported posts are waiting.').waitFor();
  assert.equal((await env.client.req('p1', { ids: [post.id] })).events.length, 0);
  assert.equal((await env.client.publish(post))[2], false);

  const ban = page.getByRole('form', { name: 'Ban a key' });
  await ban.getByLabel('npub or hex key').fill(npubEncode(spammer.pk));
  await ban.getByLabel('Reason (optional)').fill('اسپم');
  await ban.getByRole('button', { name: 'Ban' }).click();
  await page.getByTestId('admin-banned-pubkey').filter({ hasText: 'اسپم' }).waitFor();
  assert.equal((await env.client.req('s1', { authors: [spammer.pk] })).events.length, 0);
  const refused = await env.client.publish(signed(spammer, { content: 'more pills' }));
  assert.deepEqual(refused.slice(2), [false, 'blocked: this pubkey is banned by the operator (اسپم)']);
  await page.getByTestId('admin-banned-pubkey').getByRole('button', { name: 'Unban' }).click();
  await waitFor(async () => (await page.getByTestId('admin-banned-pubkey').count()) === 0, 'ban lifted');
  assert.equal((await env.client.publish(signed(spammer, { content: 'a real post' })))[2], true);

  const info = page.getByRole('form', { name: 'Relay information' });
  await info.getByLabel('Relay name').fill('خبرنامهٔ آزاد');
  await info.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
  const nip11 = (await (await fetch(env.node.httpUrl, { headers: { accept: 'application/nostr+json' } })).json()) as {
    name: string;
  };
  assert.equal(nip11.name, 'خبرنامهٔ آزاد');

  const other = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await other.signUp('another long passphrase');
  await other.go('#/admin');
  await other.page.getByRole('status').filter({ hasText: 'Only the operator keys' }).waitFor();
});
