import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { installNip07 } from '@lifeline/testkit/browser';
import { webDir } from '../web-dir.js';

/*
 * Issue 15, first post on slow 3G: screens besides the timelines (desk, intake, admin, settings, …) and
 * the other language's strings are chunks fetched on demand. The first timeline must not ask for them,
 * and opening such a screen must fetch its chunk and show it.
 */

const env = nodeSuite({ browser: true, node: { webDir } });

/** The one built JS file that contains `marker` (a string only that code carries). */
function chunkWith(marker: string): string {
  const files = readdirSync(join(webDir, 'assets')).filter(
    (f) => f.endsWith('.js') && readFileSync(join(webDir, 'assets', f), 'utf8').includes(marker),
  );
  assert.equal(files.length, 1, `exactly one chunk holds ${marker}: ${files.join(', ')}`);
  return files[0]!;
}

/** The JS files index.html loads or preloads. */
function initialJs(): string[] {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
}

test('index.html names neither the on-demand screens nor a string table; the Persian table is UTF-8', () => {
  const initial = initialJs();
  assert.ok(initial.length > 0);
  // "admin-page" and "desk-page" are the admin and desk screens' test ids: one chunk, not at start.
  assert.equal(chunkWith('admin-page'), chunkWith('desk-page'));
  assert.ok(!initial.includes(chunkWith('admin-page')));
  const fa = chunkWith('لایف‌لاین');
  assert.ok(!initial.includes(fa));
  // esbuild's charset utf8: Persian letters as UTF-8, not \uXXXX escapes.
  assert.ok(!/\\u06[0-9a-f]{2}/i.test(readFileSync(join(webDir, 'assets', fa), 'utf8')));
});

test('the first timeline fetches no on-demand chunk; the admin screen and Persian arrive when opened', async () => {
  const author = keys();
  const raw = await RawClient.connect(env.node.url);
  await raw.publish(signed(author, { content: 'Code-split first post' }));
  await raw.close();
  const { context, page } = await env.chrome.newUser();
  page.setDefaultTimeout(20_000);
  await installNip07(context, keys(), { readOnly: true, signedIn: true });
  // The page's own requests: the service worker's install later caches every chunk (the offline
  // shell), and its requests are the context's, not the page's.
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));
  await page.goto(`${env.node.httpUrl}/#/everyone`);
  await page.getByTestId('note').filter({ hasText: 'Code-split first post' }).first().waitFor();
  const onDemand = chunkWith('admin-page');
  const fa = chunkWith('لایف‌لاین');
  const fetched = () => requested.map((u) => u.replace(/^.*\/assets\//, ''));
  assert.ok(!fetched().includes(onDemand), 'the on-demand screens are not fetched for the first timeline');
  assert.ok(!fetched().includes(fa), 'an English reader does not fetch the Persian strings');

  // Opening the admin screen fetches the chunk and shows the screen (the node answers it is not an admin).
  await page.goto(`${env.node.httpUrl}/#/admin`);
  await page.getByRole('heading', { name: 'Relay administration' }).waitFor();
  assert.ok(fetched().includes(onDemand));
  // Switching to Persian fetches its table and re-renders in it.
  await page.getByLabel('Language / زبان').first().selectOption('fa');
  await page.getByRole('link', { name: 'همه' }).first().waitFor();
  assert.ok(fetched().includes(fa));
  assert.equal(await page.evaluate<string>('document.documentElement.dir'), 'rtl');
});
