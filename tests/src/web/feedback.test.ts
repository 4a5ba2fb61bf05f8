import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, neventEncode } from 'nostr-tools/nip19';
import type { Page } from 'playwright-core';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests, waitUntil } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Feedback": one's own reply shows in the thread at once (held back from the relay to
 * prove it), then as sent once the relay has it; a post deleted from the thread leaves it at once;
 * Share gives the nevent (with this node as relay hint) and the node's no-JS page; a quote shows
 * the quoted card without the raw nostr:nevent text; relative times and the character counter.
 * English and Persian, at phone and desktop sizes.
 */

const env = nodeSuite({ browser: true, node: { webDir } });
const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };
const UI = {
  en: {
    reply: 'Reply',
    compose: 'Compose',
    delete: 'Delete',
    share: 'Share',
    copy: 'Copy',
    copied: 'Copied.',
    sending: 'Sending…',
    sent: 'Sent',
    count: '17 characters',
    now: /^(now|\d+m)$/,
  },
  fa: {
    reply: 'پاسخ',
    compose: 'نوشتن',
    delete: 'حذف',
    share: 'هم‌رسانی',
    copy: 'رونوشت',
    copied: 'رونوشت شد.',
    sending: 'در حال ارسال…',
    sent: 'ارسال شد',
    count: '۱۷ نویسه',
    now: /^(اکنون|[۰-۹]+ دقیقه)$/,
  },
} as const;

/** Switches the UI language the way a person would (behind "More" on a phone). */
async function switchToPersian(page: Page): Promise<void> {
  const more = page.getByRole('button', { name: 'More', exact: true });
  if (await more.isVisible()) await more.click();
  await page.getByRole('combobox', { name: 'Language / زبان' }).selectOption('fa');
  // The Persian strings are a chunk of their own, fetched before the layout flips.
  await waitUntil(page, "document.documentElement.dir === 'rtl'");
  assert.equal(await page.getAttribute('html', 'dir'), 'rtl');
}

for (const [lang, size] of [
  ['en', 'desktop'],
  ['fa', 'phone'],
  ['en', 'phone'],
  ['fa', 'desktop'],
] as const) {
  test(`feedback (${lang}, ${size}): instant reply, delete in thread, share links, quote card, times and counter`, async () => {
    const ui = UI[lang];
    const { context, page } = await env.chrome.newUser();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.node.httpUrl });
    await page.setViewportSize(SIZES[size]);
    const marker = `held-${lang}-${size}`;
    // Sits between the page and the relay: the user's reply is held back until released.
    const held: Array<() => void> = [];
    let holding = true;
    await page.routeWebSocket(/.*/, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((m) => {
        if (holding && typeof m === 'string' && m.startsWith('["EVENT"') && m.includes(marker))
          held.push(() => server.send(m));
        else server.send(m);
      });
    });
    const u = new AppUser(page, env.node.httpUrl);
    await u.signUp(`a passphrase for feedback ${lang} ${size}`);
    const me = decode(u.npub).data as string;
    if (lang === 'fa') await switchToPersian(page);

    const raw = await RawClient.connect(env.node.url);
    const witness = keys();
    const original = signed(witness, { content: `Checkpoint closed on the bridge (${lang} ${size})` });
    const nevent = neventEncode({ id: original.id, author: witness.pk, relays: [env.node.url] });
    const quote = signed(keys(), {
      content: `Confirmed by a second source\n\nnostr:${nevent}`,
      tags: [['q', original.id, env.node.url, witness.pk]],
    });
    for (const e of [original, quote]) assert.equal((await raw.publish(e))[2], true);

    // Reply from the thread: shown at once as "Sending…" while the relay has nothing yet.
    await u.go(`#/thread/${original.id}`);
    const post = page.locator(`[data-testid="note"][data-id="${original.id}"]`).first();
    await post.getByRole('button', { name: ui.reply, exact: true }).click();
    const form = post.getByRole('form', { name: ui.compose });
    const text = `Stay safe ${marker}`;
    await form.getByRole('textbox').fill(text);
    await form.getByRole('button', { name: ui.reply, exact: true }).click();
    const mine = page.locator('[data-state]', { hasText: text });
    await mine.getByTestId('reply-state').filter({ hasText: ui.sending }).waitFor();
    assert.equal(await mine.getAttribute('data-state'), 'pending');
    await waitFor(async () => held.length > 0, 'the reply to reach the relay connection', { timeoutMs: 10_000 });
    assert.deepEqual((await raw.req('none-yet', { kinds: [1], '#e': [original.id] })).events, []);
    holding = false;
    for (const send of held.splice(0)) send();
    await mine.getByTestId('reply-state').filter({ hasText: ui.sent }).waitFor();
    assert.equal(await mine.getAttribute('data-state'), 'confirmed');
    const stored = (await raw.req('stored', { kinds: [1], '#e': [original.id], authors: [me] })).events;
    assert.equal(stored.length, 1);

    // Deleting it from the thread removes it from the thread at once, and from the node.
    const own = page.locator(`[data-testid="note"][data-id="${stored[0]!.id}"]`);
    await own.getByRole('button', { name: ui.delete, exact: true }).click();
    await own.waitFor({ state: 'detached' });
    await post.waitFor();
    await waitFor(
      async () => (await raw.req(`gone${Date.now()}`, { ids: [stored[0]!.id] })).events.length === 0,
      'the deletion to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );

    // Relative time, with the full date on hover.
    assert.match((await post.locator('header time').textContent()) ?? '', ui.now);
    assert.ok(((await post.locator('header time').getAttribute('title')) ?? '').length > 8);

    // Share: the nevent names this node as a relay hint; the node's page for it works without JavaScript.
    await post.getByRole('button', { name: ui.share, exact: true }).click();
    const panel = post.getByTestId('share-panel');
    const shared = await panel.getByTestId('share-nevent').inputValue();
    const d = decode(shared);
    assert.equal(d.type, 'nevent');
    assert.equal((d.data as { id: string }).id, original.id);
    assert.ok((d.data as { relays?: string[] }).relays?.includes(env.node.url), 'this node is a relay hint');
    assert.equal((d.data as { author?: string }).author, witness.pk);
    const pageUrl = await panel.getByTestId('share-page').inputValue();
    assert.equal(pageUrl, `${env.node.httpUrl}/e/${shared}`);
    const noJs = await fetch(pageUrl);
    assert.equal(noJs.status, 200);
    assert.match(await noJs.text(), /Checkpoint closed on the bridge/);
    await panel.getByRole('button', { name: ui.copy }).first().click();
    await panel.getByRole('status').filter({ hasText: ui.copied }).waitFor();
    assert.equal(await page.evaluate('navigator.clipboard.readText()'), shared);

    // A quote: the quoted card, and no raw nostr:nevent text above it.
    await u.go(`#/thread/${quote.id}`);
    const quoting = page.locator(`[data-testid="note"][data-id="${quote.id}"]`).first();
    await quoting.getByTestId('embedded').filter({ hasText: 'Checkpoint closed on the bridge' }).waitFor();
    const body = (await quoting.locator('.body').first().textContent()) ?? '';
    assert.equal(body, 'Confirmed by a second source');

    // The composer's counter counts what a person counts.
    await u.go('#/home');
    const composer = page.getByRole('form', { name: ui.compose }).first();
    await composer.getByRole('textbox').fill('سلام، از تهران 👋🏽');
    assert.equal(await composer.getByTestId('char-count').textContent(), ui.count);

    await raw.close();
    assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
  });
}
