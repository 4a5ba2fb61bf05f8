import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import { freePort, RawClient, sleep } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { launchChromium, type TestBrowser, waitUntil } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Clients that fail over: two nodes mirror each other; the app opened on A learns B from A's NIP-11
 * `mirrors`, keeps reading and posting through B when A dies, and opens from its service worker on a
 * reload while A is down. The panic wipe removes the service worker and its cache.
 */

let chrome: TestBrowser;
before(async () => {
  chrome = await launchChromium();
});
after(async () => {
  await chrome?.close();
});

/** Events on `node` whose content contains `text`. */
async function find(node: TestNode, text: string) {
  const raw = await RawClient.connect(node.url);
  const { events } = await raw.req('q', { kinds: [1], limit: 500 });
  await raw.close();
  return events.filter((e: { content: string }) => e.content.includes(text));
}

/** Waits until `node` holds a post containing `text`. */
async function waitHeld(node: TestNode, text: string, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while ((await find(node, text)).length === 0) {
    if (Date.now() > end) assert.fail(`${node.url} never got "${text}"`);
    await sleep(250);
  }
}

test('node A dies (then swallows connections): the app reads and posts through its mirror B, reloads from the service worker, and the wipe removes it', async () => {
  const portA = await freePort();
  const b = await startTestNode({
    webDir,
    mirror: `ws://127.0.0.1:${portA}`,
    mirrorDirection: 'both',
    logLevel: 'silent',
  });
  let hole: Server | undefined;
  let holeSockets = new Set<import('node:net').Socket>();
  let a: TestNode | undefined = await startTestNode({ webDir, port: portA, mirror: b.url, mirrorDirection: 'both' });
  try {
    const u = new AppUser((await chrome.newUser()).page, a.httpUrl);
    await u.signUp('a passphrase for failover');
    await u.go('#/everyone');
    await u.post('Written on A before it died');
    await waitHeld(b, 'Written on A before it died', 15_000);
    // The app learnt B from A's NIP-11 and its service worker controls the page.
    await waitUntil(u.page, `(localStorage.getItem('lifeline.mirrors') || '').includes(${JSON.stringify(b.url)})`);
    await u.page.evaluate(`navigator.serviceWorker.ready.then(() => true)`);
    await waitUntil(u.page, '!!navigator.serviceWorker.controller');

    await u.page.getByTestId('reach').filter({ hasText: '2 of 2 relays reachable' }).waitFor({ timeout: 10_000 });

    // A dies. Someone posts on B: the open timeline shows it within seconds.
    await a.close();
    a = undefined;
    // Its address now swallows connections instead of refusing them, as a blocked address often does.
    const sockets = new Set<import('node:net').Socket>();
    hole = createServer((s) => void sockets.add(s.on('error', () => {})));
    holeSockets = sockets;
    await new Promise<void>((r) => hole!.listen(portA, '127.0.0.1', r));
    const started = Date.now();
    const other = finalizeEvent(
      { kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [], content: 'Posted on B during the outage' },
      generateSecretKey(),
    );
    const raw = await RawClient.connect(b.url);
    await raw.publish(other);
    await raw.close();
    await u.note('Posted on B during the outage').waitFor({ timeout: 10_000 });
    const seconds = (Date.now() - started) / 1000;
    assert.ok(seconds < 10, `read from B after ${seconds}s`);

    // The user sees that A is unreachable and B still answers.
    const hostA = `127.0.0.1:${portA}`;
    await u.page.getByTestId('reach').filter({ hasText: '1 of 2 relays reachable' }).waitFor({ timeout: 10_000 });
    assert.equal(
      await u.page
        .getByTestId('unreachable')
        .allTextContents()
        .then((x) => x.join(' ')),
      hostA,
    );

    // A post made during the outage reaches B.
    const form = u.page.getByRole('form', { name: 'Compose' }).first();
    await form.getByRole('textbox').fill('Written during the outage');
    await form.getByRole('button', { name: 'Post' }).click();
    await waitHeld(b, 'Written during the outage', 20_000);

    // A reload while A is down opens the app from the service worker and reads from B.
    await u.page.reload();
    await u.page.getByLabel('Passphrase', { exact: true }).fill('a passphrase for failover');
    await u.page.getByRole('button', { name: 'Unlock' }).click();
    await u.go('#/everyone');
    await u.note('Posted on B during the outage').waitFor({ timeout: 15_000 });
    await u.note('Written on A before it died').waitFor({ timeout: 15_000 });

    // A new reader on B sees what was written on A before it died.
    const r = new AppUser((await chrome.newUser()).page, b.httpUrl);
    await r.justRead();
    await r.go('#/everyone');
    await r.note('Written on A before it died').waitFor({ timeout: 15_000 });

    // The panic wipe removes the service worker and its cache.
    await u.page.getByRole('button', { name: 'Lock', exact: true }).click();
    await u.page.getByRole('button', { name: 'Wipe everything on this device' }).click();
    await u.page.getByRole('button', { name: 'Create account' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(
      await u.page.evaluate(`(async () => ({ local: localStorage.length, caches: (await caches.keys()).length }))()`),
      { local: 0, caches: 0 },
    );
    // The browser queued the unregistration behind its update check of /sw.js, which hangs on the
    // swallowing address; once that address refuses instead, the registration is gone.
    for (const s of holeSockets) s.destroy();
    await new Promise((r) => hole!.close(r));
    hole = undefined;
    await waitUntil(u.page, `navigator.serviceWorker.getRegistrations().then((r) => r.length === 0)`, 15_000);
    assert.equal(await u.page.evaluate(`navigator.serviceWorker.getRegistrations().then((r) => r.length)`), 0);
  } finally {
    await a?.close().catch(() => {});
    await b.close().catch(() => {});
    for (const s of holeSockets) s.destroy();
    hole?.close();
  }
});
