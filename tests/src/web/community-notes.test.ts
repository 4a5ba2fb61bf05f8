import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, neventEncode, nsecEncode } from 'nostr-tools/nip19';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import WebSocket from 'ws';
import { LABEL_KIND, newestStatuses, type NostrEvent } from '@lifeline/nostr';
import {
  keys,
  RawClient,
  signed,
  twoCamps,
  waitFor,
  type TestKeys,
  type TwoCampTexts,
  type TwoCamps,
} from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, waitUntil } from '@lifeline/testkit/browser';
import { AppUser, UI_TIMEOUT } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Community notes and translations in Chromium, in English and Persian. Two camps of scripted
 * rater keys publish notes and ratings through the relay (signed with nostr-tools); the node
 * scores them every second in its worker thread; readers see only the bridging note. A
 * translation is written, rated, shown under the original and inserted into a live-blog entry.
 * Every request stays on the node's origin.
 */

useWebSocketImplementation(WebSocket);

const env = nodeSuite({ browser: true, node: { webDir, notesScoreIntervalSeconds: 1 } });

/** Publishes through the relay with nostr-tools' own client, as any Nostr app would. */
async function publishAll(events: NostrEvent[]): Promise<void> {
  const relay = await Relay.connect(env.node.url);
  try {
    // nostr-tools rejects when the relay answers OK false, with the relay's reason.
    for (const e of events) await relay.publish(e);
  } finally {
    relay.close();
  }
}

/** Waits until the node has labelled the bridging note helpful (its scheduled run, not asked). */
async function scoredHelpful(scenario: TwoCamps): Promise<void> {
  const raw = await RawClient.connect(env.node.url);
  try {
    await waitFor(
      async () => {
        const { events } = await raw.req('l', { kinds: [LABEL_KIND], authors: [env.node.identity.pubkey] });
        return (
          newestStatuses(events, env.node.identity.pubkey).get(scenario.bridging.id)?.status ===
          'CURRENTLY_RATED_HELPFUL'
        );
      },
      'the node to label the bridging note helpful',
      { timeoutMs: 30_000, intervalMs: 250 },
    );
  } finally {
    await raw.close();
  }
}

/** A post by a scripted author with notes rated by two camps, scored by the node. */
async function notedPost(content: string, texts?: TwoCampTexts) {
  const author = keys();
  const post = signed(author, { content, created_at: Math.floor(Date.now() / 1000) - 3600 });
  const scenario = twoCamps({ id: post.id, kind: 1, pubkey: author.pk }, texts ? { texts } : {});
  await publishAll([post, ...scenario.events]);
  await scoredHelpful(scenario);
  return { post, scenario, author };
}

const notesOf = (u: AppUser) => u.page.getByTestId('community-note');

test('English: readers see only the bridging note; a rater rates, writes a note and sees which ratings counted', async () => {
  const { post, scenario } = await notedPost('Tanks on Enghelab street right now (photo attached)');

  // A reader without an account: only the note both camps found helpful.
  const reader = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await reader.page.goto(`${env.node.httpUrl}/`);
  await reader.page.getByRole('button', { name: 'Just read, without an account' }).click();
  await reader.go(`#/thread/${post.id}`);
  await notesOf(reader).filter({ hasText: 'The photo was taken in 2019' }).waitFor();
  assert.equal(await notesOf(reader).count(), 1);
  assert.equal(await notesOf(reader).getAttribute('data-status'), 'CURRENTLY_RATED_HELPFUL');
  assert.match((await notesOf(reader).textContent()) ?? '', /Readers added context/);
  assert.equal(await reader.page.getByText('the other side is lying').count(), 0);
  assert.equal(await reader.page.getByText('fake, trust me').count(), 0);
  assert.equal(await reader.page.getByTestId('rating-form').count(), 0, 'readers get no rating controls');

  // Someone who opts in to rating also sees the notes that need ratings, and rates one.
  const rater = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await rater.signUp('a passphrase for rating');
  await rater.go(`#/thread/${post.id}`);
  await notesOf(rater).first().waitFor();
  assert.equal(await notesOf(rater).count(), 1);
  await rater.page.getByRole('button', { name: 'Rate community notes' }).click();
  const partisan = notesOf(rater).filter({ hasText: 'Camp A view number 1' });
  await partisan.waitFor();
  assert.equal(await partisan.getAttribute('data-status'), 'NEEDS_MORE_RATINGS');
  assert.equal(await notesOf(rater).filter({ hasText: 'fake, trust me' }).count(), 0, 'not-helpful notes stay hidden');
  await partisan.getByRole('button', { name: 'Not helpful', exact: true }).click();
  await partisan.getByLabel('Opinion or speculation').check();
  await partisan.getByRole('button', { name: 'Send rating' }).click();
  await partisan.getByTestId('my-rating').filter({ hasText: 'Your rating: Not helpful' }).waitFor();

  // Writing a note: a bad source is refused with the reason and nothing is published.
  await rater.page.getByRole('button', { name: 'Write a note' }).click();
  const form = rater.page.getByRole('form', { name: 'Write a note' });
  await form.getByLabel('Not misleading', { exact: true }).check();
  await form.getByLabel(/^Your note/).fill('The tanks were filmed on a film set; see the studio statement.');
  await form.getByLabel(/^Sources/).fill('https://example.org/studio ftp://example.org/x');
  await form.getByRole('button', { name: 'Publish note' }).click();
  await form.getByRole('alert').filter({ hasText: 'Not a link or an event reference: ftp://example.org/x' }).waitFor();
  await form.getByLabel(/^Sources/).fill(`https://example.org/studio\n${neventEncode({ id: scenario.bridging.id })}`);
  await form.getByRole('button', { name: 'Publish note' }).click();
  const mine = notesOf(rater).filter({ hasText: 'filmed on a film set' });
  await mine.waitFor();
  assert.match((await mine.textContent()) ?? '', /Your note/);
  assert.equal(await mine.getByRole('link').count(), 2);

  // The rater's view of the node's last run: one rating, which did not count yet (below 10 ratings).
  await rater.go('#/ratings');
  await ratingsListed(rater, 1);
  const row = rater.page.getByTestId('my-ratings').locator('li');
  assert.equal(await row.getAttribute('data-counted'), 'no');
  assert.match((await rater.page.getByTestId('rater-summary').textContent()) ?? '', /do not count yet/);

  // A camp rater signing in with their key sees all ten of theirs counted.
  const camp = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await importKey(camp, scenario.camps[0][0]!);
  await camp.go('#/ratings');
  await ratingsListed(camp, 10);
  assert.equal(await camp.page.getByTestId('my-ratings').locator('li[data-counted="yes"]').count(), 10);
  assert.match((await camp.page.getByTestId('rater-summary').textContent()) ?? '', /Your ratings count/);

  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});

/** Reloads the ratings screen until the node's last run lists `n` of the user's ratings. */
async function ratingsListed(u: AppUser, n: number): Promise<void> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    await u.page
      .getByTestId('rater-summary')
      .or(u.page.getByText('You have not rated any notes yet.'))
      .first()
      .waitFor();
    if ((await u.page.getByTestId('my-ratings').locator('li').count()) === n) return;
    if (Date.now() > deadline) assert.fail(`expected ${n} ratings listed`);
    // Away and back: the screen asks the node again (a reload would lock the vault).
    await u.page.waitForTimeout(500);
    await u.go('#/home');
    await u.go('#/ratings');
  }
}

async function importKey(u: AppUser, who: TestKeys): Promise<void> {
  await u.page.goto(`${env.node.httpUrl}/`);
  await u.page.getByRole('button', { name: 'Import key' }).click();
  await u.page.getByLabel('nsec or ncryptsec').fill(nsecEncode(who.sk));
  await u.page.getByLabel('Passphrase', { exact: true }).fill('long enough passphrase');
  await u.page.getByRole('button', { name: 'Continue' }).click();
  await u.page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();
}

test('Persian: the bridging note in a right-to-left page, rated with Persian controls', async () => {
  const { post } = await notedPost('تانک‌ها در خیابان انقلاب', {
    bridging: 'این عکس در سال ۲۰۱۹ گرفته شده است؛ نسخهٔ اصلی در بایگانی است.',
    partisan: (camp, i) => `دیدگاه گروه ${camp === 0 ? 'الف' : 'ب'} شمارهٔ ${i + 1}`,
    rejected: 'همه‌اش دروغ است، باور کنید.',
  });
  const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await u.signUp('a passphrase in two languages');
  await u.page.getByRole('combobox', { name: 'Language / زبان' }).selectOption('fa');
  // The Persian strings are a chunk of their own, fetched before the layout flips.
  await waitUntil(u.page, "document.documentElement.dir === 'rtl'");
  assert.equal(await u.page.getAttribute('html', 'dir'), 'rtl');
  await u.go(`#/thread/${post.id}`);
  const helpful = notesOf(u).filter({ hasText: 'سال ۲۰۱۹' });
  await helpful.waitFor();
  assert.equal(await notesOf(u).count(), 1);
  assert.match((await helpful.textContent()) ?? '', /خوانندگان زمینه افزودند/);
  assert.equal(await helpful.locator('p.body').getAttribute('dir'), 'auto');

  await u.page.getByRole('button', { name: 'ارزیابی یادداشت‌های جمعی' }).click();
  const partisan = notesOf(u).filter({ hasText: 'دیدگاه گروه ب شمارهٔ 2' });
  await partisan.waitFor();
  assert.match((await partisan.textContent()) ?? '', /نیاز به ارزیابی بیشتر/);
  await partisan.getByRole('button', { name: 'تا حدی مفید' }).click();
  await partisan.getByLabel('زبانی بی‌طرف دارد').check();
  // Keyboard only: the send button is reached and pressed with the keyboard.
  await partisan.getByRole('button', { name: 'ارسال ارزیابی' }).focus();
  await u.page.keyboard.press('Enter');
  await partisan.getByTestId('my-rating').filter({ hasText: 'ارزیابی شما: تا حدی مفید' }).waitFor();

  // A newer rating replaces the older one on the relay (addressable by the note's id).
  await partisan.getByRole('button', { name: 'مفید', exact: true }).click();
  await partisan.getByRole('button', { name: 'ارسال ارزیابی' }).click();
  await partisan.getByTestId('my-rating').filter({ hasText: 'ارزیابی شما: مفید' }).waitFor();
  const raw = await RawClient.connect(env.node.url);
  const { events } = await raw.req('mine', { kinds: [31314], authors: [decode(u.npub).data as string] });
  await raw.close();
  assert.equal(events.length, 1);
  assert.ok(events[0]!.tags.some((t) => t[0] === 'l' && t[1] === 'HELPFUL'));

  await u.go('#/ratings');
  await u.page.getByRole('heading', { name: 'یادداشت‌های جمعی' }).waitFor();
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});

test('a translation is written, rated, shown under the original and inserted into a live-blog entry', async () => {
  const author = keys();
  const post = signed(author, { content: 'اینترنت موبایل در تهران قطع شده است' });
  await publishAll([post]);

  // A reader translates the Persian post into English.
  const lena = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await lena.signUp('a passphrase for translating');
  await lena.setName('Lena');
  await lena.go(`#/thread/${post.id}`);
  await lena.page.getByRole('button', { name: 'Translate', exact: true }).click();
  const form = lena.page.getByRole('form', { name: 'Translate' });
  assert.equal(await form.getByLabel(/^Language of the original/).inputValue(), 'fa');
  assert.equal(await form.getByLabel(/^Language of the translation/).inputValue(), 'en');
  await form.getByLabel(/^Language of the translation/).fill('english');
  await form.getByLabel('Translation', { exact: true }).fill('Mobile internet is cut in Tehran');
  await form.getByRole('button', { name: 'Publish translation' }).click();
  await form.getByRole('alert').filter({ hasText: 'two-letter language code' }).waitFor();
  await form.getByLabel(/^Language of the translation/).fill('en');
  await form.getByRole('button', { name: 'Publish translation' }).click();
  await lena.page.getByTestId('translation-item').filter({ hasText: 'Mobile internet is cut' }).waitFor();
  // Unrated, it is not yet shown to readers under the post.
  assert.equal(await lena.page.getByTestId('translation').count(), 0);

  // An editor rates it helpful; it then shows under the original, attributed, and hides in one click.
  const editor = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await editor.signUp('a passphrase for the desk');
  await editor.go(`#/thread/${post.id}`);
  await editor.page.getByRole('button', { name: 'Translations (1)' }).click();
  const item = editor.page.getByTestId('translation-item').filter({ hasText: 'Mobile internet is cut' });
  await item.getByRole('button', { name: 'Helpful', exact: true }).click();
  await item.getByTestId('my-rating').filter({ hasText: 'Your rating: Helpful' }).waitFor();
  const shown = editor.page.getByTestId('translation');
  await shown.filter({ hasText: 'Translated by Lena' }).waitFor();
  assert.equal(await shown.locator('p.body').getAttribute('lang'), 'en');
  assert.match((await editor.note('اینترنت موبایل').locator('.body').first().textContent()) ?? '', /اینترنت موبایل/);
  await shown.getByRole('button', { name: 'Show original only' }).click();
  assert.equal(await shown.getByText('Mobile internet is cut in Tehran').count(), 0);
  await shown.getByRole('button', { name: 'Show translation' }).click();
  await shown.getByText('Mobile internet is cut in Tehran').waitFor();

  // A second reader, in English, sees it too (the node's own relay holds the rating).
  const reader = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await reader.page.goto(`${env.node.httpUrl}/`);
  await reader.page.getByRole('button', { name: 'Just read, without an account' }).click();
  await reader.go(`#/thread/${post.id}`);
  await reader.page.getByTestId('translation').filter({ hasText: 'Mobile internet is cut in Tehran' }).waitFor();

  // The editor embeds the post in an English live-blog entry and inserts the translation with attribution.
  await editor.go('#/live');
  const create = editor.page.getByRole('form', { name: 'New live-blog' });
  await create.getByLabel('Title').fill('Tehran blackout, live');
  await create.getByRole('button', { name: 'Create live-blog' }).click();
  // Created: the editor opens on the new blog.
  const readerLink = editor.page.getByTestId('reader-link');
  await readerLink.waitFor();
  const [, npub, d] = /^\/live\/(npub1[a-z0-9]+)\/([^/]+)$/.exec((await readerLink.getAttribute('href')) ?? '')!;
  await editor.go(`#/thread/${post.id}`);
  await editor.note('اینترنت موبایل').getByRole('button', { name: 'Embed in live-blog' }).click();
  await editor.page
    .getByTestId('choose-blog')
    .getByRole('button', { name: 'Embed in “Tehran blackout, live”' })
    .click();
  await editor.page.getByTestId('pending-embed').waitFor();
  const entryForm = editor.page.getByRole('form', { name: 'Publish entry' });
  await entryForm.getByLabel('Headline').fill('Mobile internet cut');
  await entryForm.getByLabel(/^Entry/).fill('Readers in Tehran report the outage.');
  await entryForm.getByRole('button', { name: 'Publish entry' }).click();
  const entry = editor.page.getByTestId('live-entries').locator('li', { hasText: 'Mobile internet cut' });
  await entry.getByRole('button', { name: 'Insert a translation (1)' }).click();
  await entry.getByTestId('insert-candidate').getByRole('button', { name: 'Insert into entry' }).click();
  // Once the entry holds it, it is offered no more (a second click would insert it twice).
  await entry.getByRole('button', { name: /^Insert a translation/ }).waitFor({ state: 'detached' });

  const page = `${env.node.httpUrl}/live/${npub}/${d}`;
  await waitFor(
    async () => {
      const html = await (await fetch(page)).text();
      return (
        html.includes('Translated from Persian by reader Lena:') && html.includes('Mobile internet is cut in Tehran')
      );
    },
    'the reader page to show the inserted translation',
    { timeoutMs: UI_TIMEOUT, intervalMs: 250 },
  );

  // A reader of the blog in the app (not an editor) translates the entry itself, into Persian.
  await lena.go(`#/live/${npub}/${d}`);
  const readerEntry = lena.page.locator('.live-entries li', { hasText: 'Mobile internet cut' });
  await readerEntry.getByRole('button', { name: 'Translate', exact: true }).click();
  const entryTranslation = readerEntry.getByRole('form', { name: 'Translate' });
  assert.equal(await entryTranslation.getByLabel(/^Language of the original/).inputValue(), 'en');
  await entryTranslation.getByLabel(/^Language of the translation/).fill('fa');
  await entryTranslation.getByLabel('Translation', { exact: true }).fill('اینترنت همراه قطع شد');
  await entryTranslation.getByRole('button', { name: 'Publish translation' }).click();
  await readerEntry.getByTestId('translation-item').filter({ hasText: 'اینترنت همراه قطع شد' }).waitFor();

  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});
