import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { nsecEncode, npubEncode } from 'nostr-tools/nip19';
import { nodeSuite } from '@lifeline/testkit/node';
import { waitUntil } from '@lifeline/testkit/browser';
import { AppUser } from './app-user.js';
import { webDir } from '../web-dir.js';

/* Importing an existing nsec (stored only encrypted) and the automatic lock after inactivity. */

const env = nodeSuite({ browser: true, node: { webDir } });

test('an imported nsec is kept only as an ncryptsec; a bad key is refused clearly', async () => {
  const sk = generateSecretKey();
  const nsec = nsecEncode(sk);
  const u = new AppUser((await env.chrome.newUser()).page, env.node.httpUrl);
  await u.page.goto(`${env.node.httpUrl}/`);
  await u.page.getByRole('button', { name: 'Import key' }).click();
  await u.page.getByLabel('nsec or ncryptsec').fill('nsec1notakey');
  await u.page.getByLabel('Passphrase', { exact: true }).fill('long enough passphrase');
  await u.page.getByRole('button', { name: 'Continue' }).click();
  await u.page.getByRole('alert').waitFor();
  await u.page.getByLabel('nsec or ncryptsec').fill(nsec);
  await u.page.getByRole('button', { name: 'Continue' }).click();
  await u.page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();
  const href = await u.page.getByRole('link', { name: 'Profile', exact: true }).getAttribute('href');
  assert.equal(href, `#/p/${npubEncode(getPublicKey(sk))}`);
  const stored = String(await u.page.evaluate('JSON.stringify(Object.entries(localStorage))'));
  assert.match(stored, /ncryptsec1/);
  assert.doesNotMatch(stored, /nsec1[02-9ac-hj-np-z]{20}/, 'no plain nsec in storage');
  assert.ok(!stored.includes(Buffer.from(sk).toString('hex')), 'no hex secret key in storage');
});

test('the app locks itself after the chosen minutes without activity', async () => {
  const { page } = await env.chrome.newUser();
  // A controllable clock: time runs normally until the test jumps it forward.
  await page.clock.install();
  const u = new AppUser(page, env.node.httpUrl);
  await u.signUp('a passphrase for idle lock');
  await u.go('#/settings');
  await page.getByLabel('Lock after minutes idle').fill('2');
  await page.getByLabel('Lock after minutes idle').dispatchEvent('change');
  // The setting is saved, then the countdown restarts: wait for both before moving the clock.
  await waitUntil(
    page,
    `Object.keys(localStorage).some((k) => k.endsWith('idleMinutes') && localStorage.getItem(k) === '2')`,
  );
  await page.waitForTimeout(200);
  await u.go('#/home');
  await page.clock.fastForward('01:00');
  assert.equal(await page.getByRole('button', { name: 'Unlock' }).count(), 0, 'still unlocked after one minute');
  // Past the 2 chosen minutes even if the countdown restarted late under load (the default is 15).
  await page.clock.fastForward('02:30');
  await page.getByRole('button', { name: 'Unlock' }).waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill('a passphrase for idle lock');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('navigation', { name: 'Main navigation' }).first().waitFor();
});
