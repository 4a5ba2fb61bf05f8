import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { decode } from 'nostr-tools/nip19';
import { keys, RawClient, signed, waitFor } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { foreignRequests, launchChromium, type TestBrowser } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, "Safety first": after an author deletes a note, the Everyone feed showed
 * "↻ … reposted — <the deleted text> ✓ Signature verified". Now the node withholds reposts of it,
 * and the app hides the embedded original of reposts and quotes, also for a repost that another
 * relay (one the deletion never reached) still serves.
 */

let chrome: TestBrowser;
let home: TestNode;
let other: TestNode;
before(async () => {
  [home, other] = await Promise.all([startTestNode({ webDir }), startTestNode({ webDir })]);
  chrome = await launchChromium();
});
after(async () => {
  await chrome?.close();
  await Promise.all([home?.stop(), other?.stop()]);
});

const TEXT = 'Meet at the north gate at nine';

test('a deleted note stops showing through reposts and quotes (en/fa), from this node and from another relay', async () => {
  const a = new AppUser((await chrome.newUser()).page, home.httpUrl);
  await a.signUp('a passphrase for the author');
  await a.post(TEXT);
  const raw = await RawClient.connect(home.url);
  const elsewhere = await RawClient.connect(other.url);
  try {
    const author = decode(a.npub).data as string;
    const [note] = (await raw.req('n', { authors: [author], kinds: [1] })).events;
    assert.ok(note, 'the note is on the node');
    const fan = keys();
    const repost = signed(fan, {
      kind: 6,
      content: JSON.stringify(note),
      tags: [
        ['e', note.id, home.url],
        ['p', note.pubkey],
      ],
    });
    const quote = signed(fan, { content: 'My own words about this', tags: [['q', note.id, home.url, note.pubkey]] });
    for (const e of [repost, quote]) assert.equal((await raw.publish(e))[2], true);
    // Another relay that will never see the deletion keeps the same signed repost.
    assert.equal((await elsewhere.publish(repost))[2], true);

    // The report, before the fix's moment: the repost shows the note's words, verified.
    await a.go('#/everyone');
    const card = a.page.locator(`[data-testid="repost"][data-id="${repost.id}"]`);
    await card.getByTestId('verified').waitFor();
    assert.match((await card.textContent()) ?? '', new RegExp(TEXT));

    // The author deletes the note.
    await a.go('#/home');
    await a.note(TEXT).getByRole('button', { name: 'Delete' }).click();
    await waitFor(
      async () => (await raw.req(`d${Date.now()}`, { ids: [note.id] })).events.length === 0,
      'the deletion to reach the node',
      { timeoutMs: 10_000, intervalMs: 200 },
    );
    // The node withholds the repost; the quote (the quoter's own words) stays.
    assert.equal((await raw.req('r', { ids: [repost.id] })).events.length, 0, 'the node no longer serves the repost');
    assert.equal((await raw.req('q', { ids: [quote.id] })).events.length, 1, 'the quote stays');
    assert.equal((await elsewhere.req('o', { ids: [repost.id] })).events.length, 1, 'the other relay still has it');

    // The author's Everyone feed: the repost is gone, the quote shows that the author deleted the post.
    await a.go('#/everyone');
    const quoteCard = a.page.getByTestId('note').filter({ hasText: 'My own words about this' }).first();
    await quoteCard.getByTestId('deleted-original').waitFor();
    assert.equal(await a.page.getByText(TEXT).count(), 0, 'the deleted words are nowhere on the page');
    assert.equal(await card.count(), 0);

    // A reader who also reads the other relay gets the repost from there; the app asks the relays
    // for its author's deletion request and shows the card as deleted, in English and in Persian.
    const c = new AppUser((await chrome.newUser()).page, home.httpUrl);
    await c.signUp('a passphrase for the reader');
    await c.go('#/settings');
    await c.page.getByLabel('Add relay').fill(other.url);
    await c.page.getByRole('button', { name: 'Add relay' }).click();
    await c.page.getByLabel(`Use of ${other.url}`).selectOption('read');
    await c.go('#/everyone');
    const cCard = c.page.locator(`[data-testid="repost"][data-id="${repost.id}"]`);
    await cCard.getByTestId('deleted-original').filter({ hasText: 'The author deleted this post.' }).waitFor();
    await c.page
      .getByTestId('note')
      .filter({ hasText: 'My own words about this' })
      .getByTestId('deleted-original')
      .waitFor();
    assert.equal(await c.page.getByText(TEXT).count(), 0, 'the deleted words are nowhere on the page');
    await c.page.getByLabel('Language / زبان').selectOption('fa');
    await cCard.getByTestId('deleted-original').filter({ hasText: 'نویسنده این پست را حذف کرده است.' }).waitFor();
    assert.equal(await c.page.getAttribute('html', 'dir'), 'rtl');
    assert.equal(await c.page.getByText(TEXT).count(), 0);
  } finally {
    await raw.close();
    await elsewhere.close();
  }
  // The only other host asked is the relay the reader added.
  const otherHost = new URL(other.url).host;
  const foreign = foreignRequests(chrome.requests, home.httpUrl).filter((u) => new URL(u).host !== otherHost);
  assert.deepEqual(foreign, [], 'no request left the two nodes');
});
