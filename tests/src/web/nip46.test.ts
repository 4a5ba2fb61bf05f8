import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nsecEncode } from 'nostr-tools/nip19';
import { keys, RawClient, startBunker } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { expectAccessible, foreignRequests } from '@lifeline/testkit/browser';
import { webDir } from '../web-dir.js';

/*
 * NIP-46 in Chromium: the user's key is held by a bunker running in this test process (it stands for
 * the phone signer) that talks to the page over our node's relay. The page never sees the key.
 */

const env = nodeSuite({ browser: true, node: { webDir } });

async function stored(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate<string>('JSON.stringify(localStorage)');
}

test('bunker://: pair, post, react, lock, unlock, a refusal, wipe — the key never enters the browser', async () => {
  const me = keys();
  const bunker = await startBunker(env.node.url, me);
  const { page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(`${env.node.httpUrl}/`);
    await page.getByRole('button', { name: 'Use a remote signer (NIP-46)' }).click();
    // A bad address is a clear error, and nothing is stored.
    await page.getByLabel('Passphrase', { exact: true }).fill('phone signer pass');
    await page.getByLabel('Repeat passphrase').fill('phone signer pass');
    await page.getByLabel('bunker:// address').fill('bunker://not-a-key?relay=wss://x');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('alert').filter({ hasText: '64 hex characters' }).waitFor();
    await expectAccessible(page, 'remote signer form with an error');
    assert.equal(await page.evaluate<number>('localStorage.length'), 0);

    await page.getByLabel('bunker:// address').fill(bunker.uri);
    await page.getByRole('button', { name: 'Connect' }).click();
    const form = page.getByRole('form', { name: 'Compose' }).first();
    await form.getByRole('textbox').fill('Signed on my phone, posted from the browser');
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
    const note = page.getByTestId('note').filter({ hasText: 'Signed on my phone' }).first();
    await note.getByRole('button', { name: 'Like', exact: true }).click();
    await note.locator('button[aria-pressed="true"]').waitFor();

    const raw = await RawClient.connect(env.node.url);
    const { events } = await raw.req('mine', { authors: [me.pk], kinds: [1, 7] });
    assert.deepEqual(events.map((e) => e.kind).sort(), [1, 7], 'the post and the reaction, signed by the phone');
    assert.ok(bunker.requests.some((r) => r.method === 'sign_event'));
    // What is stored: an encrypted pairing only — no key of the user's, no signer, no relay in clear.
    const atRest = await stored(page);
    assert.match(atRest, /ncryptsec1/);
    for (const secret of [Buffer.from(me.sk).toString('hex'), nsecEncode(me.sk), me.pk, bunker.pubkey, '127.0.0.1'])
      assert.ok(!atRest.includes(secret), `not stored in clear: ${secret.slice(0, 12)}`);
    await page.getByRole('link', { name: 'Settings' }).first().click();
    await page.getByTestId('remote-stored').waitFor();

    // Lock: the pairing key leaves memory; the page asks nothing of the signer until unlocked.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByText('This device signs through a remote signer').waitFor();
    const asked = bunker.requests.length;
    await page.waitForTimeout(500);
    assert.equal(bunker.requests.length, asked);
    await page.reload();
    await page.getByText('This device signs through a remote signer').waitFor();
    await page.getByLabel('Passphrase').fill('wrong passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
    await page.getByLabel('Passphrase').fill('phone signer pass');
    await page.getByRole('button', { name: 'Unlock' }).click();
    const connects = bunker.requests.filter((r) => r.method === 'connect').length;
    await page.getByRole('link', { name: 'Home' }).first().click();
    await form.getByRole('textbox').fill('Back after unlocking');
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByTestId('publish-results').filter({ hasText: 'accepted' }).waitFor();
    assert.equal(bunker.requests.filter((r) => r.method === 'connect').length, connects, 'no new pairing');

    // The signer says no: a clear error, nothing published.
    bunker.decide((r) => (r.method === 'sign_event' ? 'declined on the phone' : true));
    await form.getByRole('textbox').fill('This one the phone refuses');
    await form.getByRole('button', { name: 'Post' }).click();
    await form.getByRole('alert').filter({ hasText: 'The remote signer refused: declined on the phone' }).waitFor();
    await expectAccessible(page, 'composer with the refusal');
    const refused = await raw.req('refused', { authors: [me.pk], search: 'refuses' });
    assert.equal(refused.events.length, 0);
    await raw.close();

    // Wipe, from the lock screen: two clicks, and nothing is left.
    await page.getByRole('button', { name: 'Lock', exact: true }).click();
    await page.getByRole('button', { name: 'Wipe everything on this device' }).click();
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    assert.equal(await page.evaluate<number>('localStorage.length'), 0);
    await page.reload();
    await page.getByRole('button', { name: 'Create account' }).waitFor();
    assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
  } finally {
    await bunker.close();
  }
});

test('nostrconnect:// in Persian on a phone: the signer app answers the code, posts are signed by it', async () => {
  const me = keys();
  const bunker = await startBunker(env.node.url, me);
  const { page } = await env.chrome.newUser({ locale: 'fa-IR', timezoneId: 'Asia/Tehran' });
  await page.setViewportSize({ width: 390, height: 844 });
  page.setDefaultTimeout(20_000);
  try {
    await page.goto(`${env.node.httpUrl}/`);
    assert.equal(await page.evaluate<string>('document.documentElement.dir'), 'rtl');
    await page.getByRole('button', { name: 'استفاده از امضاکنندهٔ راه دور (NIP-46)' }).click();
    await page.getByLabel('گذرواژه', { exact: true }).fill('phone signer pass');
    await page.getByLabel('تکرار گذرواژه').fill('phone signer pass');
    await page.getByRole('button', { name: 'نمایش کد برای برنامهٔ امضاکننده' }).click();
    const code = page.getByLabel('کد nostrconnect:// برای برنامهٔ امضاکننده');
    await code.waitFor();
    const uri = await code.inputValue();
    await page.getByTestId('nostrconnect-qr').waitFor();
    assert.match(uri, /^nostrconnect:\/\/[0-9a-f]{64}\?/);
    await bunker.acceptNostrConnect(uri);
    const form = page
      .getByRole('form')
      .filter({ has: page.locator('textarea') })
      .first();
    await form.locator('textarea').fill('از گوشی امضا شد');
    await form.getByRole('button', { name: 'ارسال' }).click();
    const raw = await RawClient.connect(env.node.url);
    for (let i = 0; i < 50; i++) {
      if ((await raw.req(`p${i}`, { authors: [me.pk], kinds: [1] })).events.length) break;
      await page.waitForTimeout(200);
    }
    const { events } = await raw.req('done', { authors: [me.pk], kinds: [1] });
    await raw.close();
    assert.equal(events[0]?.content, 'از گوشی امضا شد');
    assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
  } finally {
    await bunker.close();
  }
});

test('the NIP-46 client is not part of the initial JavaScript: it is a chunk loaded on first use', () => {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  assert.ok(initial.length > 0);
  // "switch_relays" is a NIP-46 method name only nostr-tools' BunkerSigner carries.
  for (const file of initial) assert.ok(!readFileSync(join(webDir, file), 'utf8').includes('switch_relays'), file);
  const lazy = readdirSync(join(webDir, 'assets')).filter(
    (f) => f.endsWith('.js') && readFileSync(join(webDir, 'assets', f), 'utf8').includes('switch_relays'),
  );
  assert.equal(lazy.length, 1, 'exactly one chunk holds the NIP-46 client');
  assert.ok(!initial.includes(`assets/${lazy[0]}`));
});
