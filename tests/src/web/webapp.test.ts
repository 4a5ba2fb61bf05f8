import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { decode } from 'nostr-tools/nip19';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * The web app in real headless Chromium against a real node: two people sign up, follow each other,
 * post in Persian and English, reply, repost, quote, like, search by a Persian hashtag and delete;
 * a fabricated repost and a lookalike name are flagged; lock and wipe leave nothing behind; and no
 * request ever leaves the node's origin.
 */

/** The built web app the node serves (apps/web/dist). */
const webDist = join(dirname(createRequire(import.meta.url).resolve('@lifeline/web/package.json')), 'dist');

let failed = false;

before(() => {
  assert.ok(existsSync(join(webDist, 'index.html')), 'apps/web/dist is missing: run `npm run build` first');
});
const env = nodeSuite({ browser: true, node: { webDir } });

const hex = (npub: string) => decode(npub).data as string;

test('two users: sign up, follow, post (fa/en), reply, repost, quote, like, hashtag search, delete; fabricated repost and impersonator flagged; lock and wipe', async (t) => {
  failed = true;
  const a = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  const b = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  t.after(async () => {
    // On failure, leave what each user saw for debugging (outside the repository).
    if (!failed) return;
    for (const [name, u] of [
      ['a', a],
      ['b', b],
    ] as const)
      await u.page.screenshot({ path: join(tmpdir(), `lifeline-web-${name}.png`), fullPage: true }).catch(() => {});
  });
  const errors: string[] = [];
  for (const u of [a, b]) {
    u.page.on('pageerror', (e) => errors.push(e.message));
    // Console errors include Content-Security-Policy violations and failed loads.
    u.page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  }

  const backup = await a.signUp('correct horse battery');
  assert.match(backup, /^ncryptsec1/);
  await b.signUp('another good passphrase');
  await a.setName('Azadeh');
  await b.setName('Babak');

  // Follow each other.
  await a.follow(b.npub);
  await b.follow(a.npub);

  // Bob watches his home timeline; Azadeh's posts arrive live, without a reload.
  await b.go('#/home');
  await a.go('#/home');
  await a.post('Crowds on Azadi street tonight #freedom');
  await b.note('Crowds on Azadi street tonight').waitFor();
  await b.post('جمعیت زیادی در خیابان است #آزادی');
  await a.note('جمعیت زیادی در خیابان است').waitFor();

  // Reply, like, repost and quote Azadeh's post from Bob's timeline.
  // One post, found by its event id, stays the same element whatever opens inside it.
  const id = await b.note('Crowds on Azadi street tonight').getAttribute('data-id');
  const target = b.page.locator(`[data-testid="note"][data-id="${id}"]`).first();
  await target.getByRole('button', { name: 'Reply', exact: true }).click();
  await target.getByRole('textbox').fill('Stay safe!');
  await target.getByRole('form', { name: 'Compose' }).getByRole('button', { name: 'Reply' }).click();
  await target.getByRole('button', { name: 'Like' }).click();
  await target.getByRole('button', { name: 'Like', pressed: true }).waitFor();
  await target.getByRole('button', { name: 'Repost' }).click();
  await target.getByRole('button', { name: 'Repost', pressed: true }).waitFor();
  await target.getByRole('button', { name: 'Quote' }).click();
  await target.getByRole('textbox').fill('Confirmed by a second source');
  await target.getByRole('form', { name: 'Compose' }).getByRole('button', { name: 'Quote' }).click();

  // The repost shows Azadeh's words with a verified badge; the quote embeds them, also verified.
  await b.page.getByTestId('repost').filter({ hasText: 'Crowds on Azadi' }).getByTestId('verified').first().waitFor();
  await b.quote('Confirmed by a second source').getByTestId('verified').waitFor();

  // A mention picked from the people Babak follows becomes a reference to Azadeh's key.
  const compose = b.page.getByRole('form', { name: 'Compose' }).first();
  await compose.getByRole('textbox').fill('Thank you @Aza');
  await compose
    .getByRole('listbox', { name: 'Mention someone you follow' })
    .getByRole('button', { name: '@Azadeh' })
    .click();
  assert.equal(await compose.getByRole('textbox').inputValue(), `Thank you nostr:${a.npub} `);
  await compose.getByRole('button', { name: 'Post' }).click();
  await b.note('Thank you').getByRole('link', { name: 'Azadeh' }).waitFor();

  // Azadeh is notified of all five.
  await a.go('#/notifications');
  const notes = a.page.getByTestId('notifications');
  for (const kind of ['reply', 'like', 'repost', 'quote', 'mention'])
    await notes.locator(`li[data-kind="${kind}"]`).first().waitFor();

  // The thread shows the reply under the post.
  await a.go('#/home');
  await a
    .note('Crowds on Azadi street tonight')
    .getByRole('link')
    .filter({ has: a.page.locator('time') })
    .click();
  await a.page.getByRole('heading', { name: 'Thread' }).waitFor();
  await a.note('Stay safe!').waitFor();

  // Search by the Persian hashtag, typed with an Arabic yeh (ي) that folds to Persian ی.
  await a.go('#/search');
  await a.page.getByRole('searchbox').fill('#آزادي');
  await a.page.getByRole('searchbox').press('Enter');
  await a.note('جمعیت زیادی در خیابان است').waitFor();

  // A stranger publishes a fabricated repost of Azadeh's post (valid outer signature, tampered
  // embedded original) and takes her display name.
  const mallory = keys();
  const raw = await RawClient.connect(env.node.url);
  const [original] = (await raw.req('o', { authors: [hex(a.npub)], kinds: [1], search: 'Crowds' })).events;
  assert.ok(original, 'Azadeh’s post is on the node');
  const tampered = { ...original, content: 'Go home, nothing is happening tonight' };
  const fake = signed(mallory, {
    kind: 6,
    content: JSON.stringify(tampered),
    tags: [
      ['e', original.id],
      ['p', original.pubkey],
    ],
  });
  const profile = signed(mallory, { kind: 0, content: JSON.stringify({ name: 'Azadeh' }) });
  const lookalike = signed(mallory, { content: 'I am the real Azadeh, follow me' });
  const textRt = signed(mallory, { content: 'RT @Azadeh: the protest is cancelled' });
  for (const e of [profile, fake, lookalike, textRt]) assert.equal((await raw.publish(e))[2], true);
  await b.go('#/everyone');
  const flagged = b.page
    .getByTestId('repost')
    .filter({ has: b.page.getByTestId('fabricated') })
    .first();
  await flagged.waitFor();
  assert.match((await flagged.textContent()) ?? '', /FABRICATED/);
  await b.note('I am the real Azadeh').getByTestId('impersonator').waitFor();
  // Hand-typed "RT @name:" is marked as plain text, not a verified repost.
  await b.note('the protest is cancelled').getByText('not a verified repost').waitFor();
  // Muting the impostor (NIP-51) hides all of their posts.
  await b.note('I am the real Azadeh').getByRole('button', { name: 'Mute' }).click();
  await b.note('I am the real Azadeh').waitFor({ state: 'detached' });
  await b.note('the protest is cancelled').waitFor({ state: 'detached' });

  // Azadeh deletes her English post: gone from the node.
  await a.go('#/home');
  await a.note('Crowds on Azadi street tonight').getByRole('button', { name: 'Delete' }).click();
  await waitFor(
    async () => (await raw.req(`d${Date.now()}`, { ids: [original.id] })).events.length === 0,
    'the deletion to reach the node',
    {
      timeoutMs: 10_000,
      intervalMs: 200,
    },
  );
  await raw.close();

  // Lock: the key leaves memory; storage holds only the NIP-49 ciphertext.
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.page.getByRole('heading', { name: 'Unlock' }).waitFor();
  const stored = await a.page.evaluate<string>("Object.entries(localStorage).map(([k, v]) => k + '=' + v).join('\\n')");
  assert.doesNotMatch(stored, /nsec1|[0-9a-f]{64}(?![0-9a-z])/, 'no plaintext key in storage after lock');
  assert.match(stored, /ncryptsec1/);
  assert.doesNotMatch(await a.page.content(), /nsec1|ncryptsec1/);
  // A wrong passphrase is refused, the right one unlocks.
  await a.page.getByLabel('Passphrase', { exact: true }).fill('wrong passphrase');
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await a.page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
  await a.page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
  await a.page.getByRole('button', { name: 'Unlock' }).click();
  await a.page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();

  // Panic: one click locks, one more (on the lock screen, no dialog) wipes; nothing local remains.
  await a.page.getByRole('button', { name: 'Lock', exact: true }).click();
  await a.page.getByRole('button', { name: 'Wipe everything on this device' }).click();
  await a.page.getByRole('button', { name: 'Create account' }).waitFor();
  // Evaluated in the page (a string: this project has no DOM types).
  const traces = await a.page.evaluate(`(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).length,
    caches: (await caches.keys()).length,
    sw: (await navigator.serviceWorker.getRegistrations()).length,
  }))()`);
  assert.deepEqual(traces, { local: 0, session: 0, idb: 0, caches: 0, sw: 0 });

  // The backup restores the same account on the wiped device.
  await a.page.getByRole('button', { name: 'Import key' }).click();
  await a.page.getByLabel('nsec or ncryptsec').fill(backup);
  await a.page.getByLabel('Passphrase', { exact: true }).fill('correct horse battery');
  await a.page.getByRole('button', { name: 'Continue' }).click();
  const restored = await a.page.getByRole('link', { name: 'Profile', exact: true }).getAttribute('href');
  assert.equal(restored, `#/p/${a.npub}`);

  // Babak deletes everything he ever posted (NIP-09 for each event, then NIP-62): the node keeps nothing of his.
  await b.go('#/settings');
  await b.page.getByRole('button', { name: 'Delete everything I ever posted' }).click();
  await b.page
    .getByRole('status')
    .filter({ hasText: /Requests sent for \d+ events/ })
    .waitFor();
  const check = await RawClient.connect(env.node.url);
  // Only the NIP-62 request itself stays (the node keeps it so mirrors that were away learn of it).
  const left = (await check.req('left', { authors: [hex(b.npub)] })).events;
  assert.deepEqual(
    left.map((e) => e.kind),
    [62],
  );
  await check.close();

  assert.deepEqual(errors, [], 'no uncaught errors, CSP violations or failed loads in the pages');
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'every request went to the node');
  assert.ok(
    env.chrome.requests.some((u) => u.startsWith('ws://')),
    'the app talked to the relay over WebSocket',
  );
  failed = false;
});

test('Persian UI: right-to-left layout, Persian labels, Persian calendar and digits, Tehran time zone', async () => {
  // The browser's language is Persian: the app starts in Persian without being asked.
  const { page } = await env.chrome.newUser({ locale: 'fa-IR', timezoneId: 'Europe/Berlin' });
  page.setDefaultTimeout(20_000);
  await page.goto(`${env.node.httpUrl}/`);
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'fa');
  await page.getByRole('button', { name: 'ساخت حساب' }).click();
  await page.getByLabel('گذرواژه', { exact: true }).fill('یک گذرواژهٔ خوب');
  await page.getByLabel('تکرار گذرواژه').fill('یک گذرواژهٔ خوب');
  await page.getByRole('button', { name: 'ادامه' }).click();
  await page.getByRole('button', { name: 'ذخیره کردم' }).click();
  await page.getByRole('button', { name: 'فعلاً نه' }).click();
  await page.getByRole('navigation', { name: 'ناوبری اصلی' }).first().getByRole('link', { name: 'خانه' }).waitFor();

  const form = page.getByRole('form', { name: 'نوشتن' }).first();
  await form.getByRole('textbox').fill('سلام از تهران #آزادی');
  await form.getByRole('button', { name: 'ارسال' }).click();
  const post = page.getByTestId('note').filter({ hasText: 'سلام از تهران' }).first();
  await post.waitFor();
  // User text is direction-isolated; the hashtag links to its page.
  assert.equal(await post.locator('.body').getAttribute('dir'), 'auto');
  // A relative time ("اکنون", "۲ دقیقه"); the full date, in the Persian calendar and digits, on hover.
  assert.match((await post.locator('time').textContent()) ?? '', /^(اکنون|[۰-۹]+ دقیقه)$/);
  const berlin = (await post.locator('time').getAttribute('title')) ?? '';
  assert.match(berlin, /[۰-۹]/, 'Persian digits');
  assert.match(berlin, /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/, 'Persian month');

  // Asia/Tehran can be chosen; times follow the reader's choice.
  await page.evaluate(`location.hash = '#/settings'`);
  await page.locator('select[name=tz]').selectOption('Asia/Tehran');
  await page.evaluate(`location.hash = '#/home'`);
  const tehran =
    (await page
      .getByTestId('note')
      .filter({ hasText: 'سلام از تهران' })
      .first()
      .locator('time')
      .getAttribute('title')) ?? '';
  assert.notEqual(tehran, berlin, 'Tehran time differs from Berlin time');

  // The hashtag opens its page, which finds the post (tags are normalized: آ and ا match).
  await page
    .getByTestId('note')
    .filter({ hasText: 'سلام از تهران' })
    .first()
    .getByRole('link', { name: '#آزادی' })
    .click();
  await page.getByRole('heading', { name: /آزادی|ازادی/ }).waitFor();
  await page.getByTestId('note').filter({ hasText: 'سلام از تهران' }).first().waitFor();

  // Full-text search (NIP-50) finds the post by a word in it.
  await page.evaluate(`location.hash = '#/search'`);
  await page.getByRole('searchbox').fill('سلام');
  await page.getByRole('searchbox').press('Enter');
  await page.getByTestId('note').filter({ hasText: 'سلام از تهران' }).first().waitFor();

  // Back to English: the layout flips to left-to-right.
  // (The English strings are a chunk of their own, fetched first: wait for them, then check the layout.)
  await page.getByRole('combobox', { name: 'Language / زبان' }).selectOption('en');
  await page.getByRole('link', { name: 'Home', exact: true }).first().waitFor();
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});
