import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, RawClient, sleep, tempDir } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { foreignRequests, launchChromium, type TestBrowser } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Bad networks: a dead relay in the list never stalls reading or writing and its answer is shown
 * beside the live relay's; a post written while the node is down waits in the outbox and goes out
 * by itself when the node is back.
 */

let chrome: TestBrowser;
before(async () => {
  chrome = await launchChromium();
});
after(async () => {
  await chrome?.close();
});

test('a dead relay is reported per relay and does not stall; offline posts wait in the outbox and go out when the node returns', async () => {
  const data = tempDir();
  let node: TestNode = await startTestNode({ webDir, data });
  const port = node.port;
  try {
    const u = new AppUser((await chrome.newUser()).page, node.httpUrl);
    await u.signUp('a passphrase for relays');

    // Add a relay that does not exist: publishing answers per relay, the live one accepts.
    const dead = `ws://127.0.0.1:${await freePort()}`;
    await u.go('#/settings');
    await u.page.getByLabel('Add relay').fill(dead);
    await u.page.getByRole('button', { name: 'Add relay' }).click();
    await u.page.getByTestId('relays').getByText(dead).waitFor();
    await u.go('#/home');
    await u.post('Posted with one relay down');
    const results = u.page.getByRole('form', { name: 'Compose' }).first().getByTestId('publish-results');
    await results.locator('li.bad').filter({ hasText: dead }).waitFor();
    await results.locator('li.ok').filter({ hasText: node.url }).waitFor();
    // Reading is not stalled by the dead relay.
    await u.page.reload();
    await u.page.getByRole('button', { name: 'Unlock' }).waitFor();
    await u.page.getByLabel('Passphrase', { exact: true }).fill('a passphrase for relays');
    await u.page.getByRole('button', { name: 'Unlock' }).click();
    await u.note('Posted with one relay down').waitFor({ timeout: 10_000 });

    // The node goes away; a post waits in the outbox.
    await node.close();
    const form = u.page.getByRole('form', { name: 'Compose' }).first();
    await form.getByRole('textbox').fill('Written while offline');
    await form.getByRole('button', { name: 'Post' }).click();
    await u.page.getByTestId('outbox').filter({ hasText: '1 waiting to send' }).waitFor();
    await u.note('Written while offline').waitFor();

    // The node comes back on the same port with the same data: the outbox delivers by itself.
    node = await startTestNode({ webDir, data, port });
    await u.page.getByTestId('outbox').filter({ hasText: 'Outbox empty' }).waitFor({ timeout: 45_000 });
    const raw = await RawClient.connect(node.url);
    const { events } = await raw.req('x', { kinds: [1], search: 'offline' });
    await raw.close();
    assert.equal(events.length, 1);
    assert.equal(events[0].content, 'Written while offline');

    // Only the relay the user added by hand was contacted besides the node.
    assert.deepEqual(
      [...new Set(foreignRequests(chrome.requests, node.httpUrl).map((u) => new URL(u).host))],
      [new URL(dead).host],
    );
  } finally {
    await node.close().catch(() => {});
    await (await import('node:fs/promises')).rm(data, { recursive: true, force: true });
  }
});

test('a node that requires NIP-42 authentication: the app authenticates with the unlocked key and works', async () => {
  const node = await startTestNode({ webDir, authRequired: true });
  try {
    const u = new AppUser((await chrome.newUser()).page, node.httpUrl);
    await u.signUp('a passphrase for auth');
    await u.go('#/everyone');
    await u.post('Posted to a relay that wants to know who I am');
    // post() waited for the relay's acceptance; reading back after a reload needs auth too.
    await u.page.reload();
    await u.page.getByLabel('Passphrase', { exact: true }).fill('a passphrase for auth');
    await u.page.getByRole('button', { name: 'Unlock' }).click();
    await u.note('Posted to a relay that wants to know who I am').waitFor();
  } finally {
    await node.stop();
  }
});

test('NIP-65 markers: a write-only relay gets posts, a read-only one does not, and the list says so', async () => {
  const home = await startTestNode({ webDir });
  const other = await startTestNode({ webDir });
  try {
    const u = new AppUser((await chrome.newUser()).page, home.httpUrl);
    await u.signUp('a passphrase for markers');
    const { data: pubkey } = (await import('nostr-tools/nip19')).decode(u.npub) as { data: string };
    await u.go('#/settings');
    await u.page.getByLabel('Add relay').fill(other.url);
    await u.page.getByRole('button', { name: 'Add relay' }).click();
    const mode = u.page.getByLabel(`Use of ${other.url}`);
    await mode.selectOption('write');
    await u.go('#/home');
    await u.post('Sent to the write relays');
    await u.page
      .getByRole('form', { name: 'Compose' })
      .first()
      .getByTestId('publish-results')
      .locator('li.ok')
      .filter({ hasText: other.url })
      .waitFor();
    const stored = async (node: TestNode, filter: object) => {
      const raw = await RawClient.connect(node.url);
      const { events } = await raw.req('q', filter);
      await raw.close();
      return events;
    };
    assert.equal(
      (await stored(other, { authors: [pubkey], kinds: [1] })).length,
      1,
      'a write-only relay receives posts',
    );
    // The list is published when the mode changes; wait until the newest one is stored.
    let rTags: string[][] = [];
    for (let i = 0; i < 50 && !rTags.some((t) => t[1] === other.url && t[2] === 'write'); i++) {
      if (i) await sleep(100);
      const [list] = await stored(home, { authors: [pubkey], kinds: [10002] });
      rTags = ((list?.tags ?? []) as string[][]).filter((t) => t[0] === 'r');
    }
    assert.deepEqual(
      rTags.find((t) => t[1] === other.url),
      ['r', other.url, 'write'],
    );
    assert.ok(
      rTags.some((t) => t[1] === home.url && t.length === 2),
      'the node itself is read and write',
    );

    await u.go('#/settings');
    await u.page.getByLabel(`Use of ${other.url}`).selectOption('read');
    await u.go('#/home');
    await u.post('Not for the read-only relay');
    assert.equal((await stored(home, { authors: [pubkey], kinds: [1], search: 'read-only' })).length, 1);
    await sleep(500); // long enough for a wrongly sent copy to land
    assert.equal(
      (await stored(other, { authors: [pubkey], kinds: [1], search: 'read-only' })).length,
      0,
      'a read-only relay gets no posts',
    );
  } finally {
    await home.stop();
    await other.stop();
  }
});
