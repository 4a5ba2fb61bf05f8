import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'nostr-tools/nip19';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Counts and toggles": reply, repost, quote and like counts on posts (NIP-45 COUNT from
 * the node), like and repost as pressed toggles (aria-pressed, not disabled) that undo with a NIP-09
 * deletion of one's own reaction or repost; in English and in Persian. Also relative times and the
 * composer's character counter.
 */

const env = nodeSuite({ browser: true, node: { webDir } });
const TEXT = 'Water and bread at the mosque on the corner';

test('counts from the node; like and repost toggle on and off; relative time; character counter (en, fa)', async () => {
  const a = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await a.signUp('a passphrase for counting');
  const me = decode(a.npub).data as string;
  const raw = await RawClient.connect(env.node.url);
  try {
    const witness = keys();
    const note = signed(witness, { content: TEXT });
    const [f1, f2] = [keys(), keys()];
    const others = [
      note,
      signed(f1, {
        kind: 7,
        content: '+',
        tags: [
          ['e', note.id],
          ['p', witness.pk],
        ],
      }),
      signed(f2, {
        kind: 7,
        content: '+',
        tags: [
          ['e', note.id],
          ['p', witness.pk],
        ],
      }),
      signed(f1, {
        kind: 6,
        content: JSON.stringify(note),
        tags: [
          ['e', note.id, env.node.url],
          ['p', witness.pk],
        ],
      }),
      signed(f2, {
        content: 'On my way',
        tags: [
          ['e', note.id, '', 'root'],
          ['p', witness.pk],
        ],
      }),
      signed(f2, { content: 'Sharing this', tags: [['q', note.id, env.node.url, witness.pk]] }),
    ];
    for (const e of others) assert.equal((await raw.publish(e))[2], true);

    await a.go('#/everyone');
    const post = a.note(TEXT);
    // Counts are asked for once a post's buttons are on screen.
    await post.scrollIntoViewIfNeeded();
    const count = (metric: string) => post.getByTestId(`count-${metric}`);
    const expect = async (metric: string, text: string) => {
      await count(metric)
        .filter({ hasText: new RegExp(`^${text}$`) })
        .waitFor();
    };
    // Relative time, the full date on hover.
    assert.equal(await post.locator('header time').textContent(), 'now');
    assert.match((await post.locator('header time').getAttribute('title')) ?? '', /\b20\d\d\b.*\d:\d\d/);
    // The composer counts characters as people do: a Persian word of four letters is four.
    const composer = a.page.getByRole('form', { name: 'Compose' }).first();
    await composer.getByRole('textbox').fill('سلام 👋🏽');
    await composer.getByTestId('char-count').filter({ hasText: '7 characters' }).waitFor();
    await composer.getByRole('textbox').fill('');
    await expect('likes', '2');
    await expect('reposts', '1');
    await expect('replies', '1');
    await expect('quotes', '1');

    // Like: pressed (not disabled), counted; pressed again: a deletion of the reaction.
    const like = post.getByRole('button', { name: 'Like', exact: true });
    assert.equal(await like.getAttribute('aria-pressed'), 'false');
    await like.click();
    await post.getByRole('button', { name: 'Like', pressed: true }).waitFor();
    assert.equal(await like.isDisabled(), false, 'a pressed button stays usable');
    await expect('likes', '3');
    await waitFor(
      async () => (await raw.req(`l${Date.now()}`, { authors: [me], kinds: [7] })).events.length === 1,
      'the like to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await like.click();
    await post.getByRole('button', { name: 'Like', pressed: false }).waitFor();
    await expect('likes', '2');
    await waitFor(
      async () => (await raw.req(`u${Date.now()}`, { authors: [me], kinds: [7] })).events.length === 0,
      'the un-like (a NIP-09 deletion of the reaction) to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );

    // Repost and un-repost.
    const repost = post.getByRole('button', { name: 'Repost', exact: true });
    await repost.click();
    await post.getByRole('button', { name: 'Repost', pressed: true }).waitFor();
    await expect('reposts', '2');
    await waitFor(
      async () => (await raw.req(`r${Date.now()}`, { authors: [me], kinds: [6] })).events.length === 1,
      'the repost to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    await repost.click();
    await post.getByRole('button', { name: 'Repost', pressed: false }).waitFor();
    await expect('reposts', '1');
    await waitFor(
      async () => (await raw.req(`x${Date.now()}`, { authors: [me], kinds: [6] })).events.length === 0,
      'the un-repost to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    assert.equal(await raw.req('c', { kinds: [7], '#e': [note.id] }).then((r) => r.events.length), 2);

    // Persian: the same counts in Persian digits; the like toggles.
    const { page } = await env.chrome.newUser({ locale: 'fa-IR' });
    page.setDefaultTimeout(20_000);
    await page.goto(`${env.node.httpUrl}/`);
    await page.getByRole('button', { name: 'ساخت حساب' }).click();
    await page.getByLabel('گذرواژه', { exact: true }).fill('یک گذرواژهٔ خوب');
    await page.getByLabel('تکرار گذرواژه').fill('یک گذرواژهٔ خوب');
    await page.getByRole('button', { name: 'ادامه' }).click();
    await page.getByRole('button', { name: 'ذخیره کردم' }).click();
    await page.getByRole('button', { name: 'فعلاً نه' }).click();
    await page.getByRole('navigation', { name: 'ناوبری اصلی' }).first().getByRole('link', { name: 'همه' }).click();
    const fa = page
      .getByTestId('note')
      .filter({ hasText: TEXT, hasNot: page.getByTestId('embedded') })
      .first();
    await fa.scrollIntoViewIfNeeded();
    await fa.getByTestId('count-likes').filter({ hasText: /^۲$/ }).waitFor();
    await fa.getByTestId('count-quotes').filter({ hasText: /^۱$/ }).waitFor();
    await page.getByRole('form', { name: 'نوشتن' }).first().getByRole('textbox').fill('سلام');
    await page.getByTestId('char-count').filter({ hasText: '۴ نویسه' }).first().waitFor();
    await fa.getByRole('button', { name: 'پسند', exact: true }).click();
    await fa.getByRole('button', { name: 'پسند', pressed: true }).waitFor();
    await fa.getByTestId('count-likes').filter({ hasText: /^۳$/ }).waitFor();
    assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
  } finally {
    await raw.close();
  }
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), [], 'no request left the node');
});
