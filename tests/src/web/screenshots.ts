// Writes docs/screenshots/timeline-en.png and timeline-fa.png: the Everyone timeline of a seeded
// node, in English and in Persian (right-to-left). Not a test; run after `npm run build`:
//   node tests/dist/web/screenshots.js
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { keys } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { installNip07, launchChromium } from '@lifeline/testkit/browser';
import { seedTimeline } from './seed.js';
import { webDir } from '../web-dir.js';

const out = join(process.cwd(), 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const node = await startTestNode({ webDir });
await seedTimeline(node.url);
const chrome = await launchChromium();
const reader = keys();
for (const lang of ['en', 'fa'] as const) {
  const { context, page } = await chrome.newUser({
    locale: lang === 'fa' ? 'fa-IR' : 'en-US',
    timezoneId: 'Asia/Tehran',
  });
  // A returning reader signed in with a (stubbed, read-only) NIP-07 extension.
  await context.addInitScript(`localStorage.setItem('lifeline.lang', '${lang}');`);
  await installNip07(context, reader, { readOnly: true, signedIn: true });
  await page.setViewportSize({ width: 1000, height: 900 });
  await page.goto(`${node.httpUrl}/#/everyone`);
  await page.getByTestId('note').nth(4).waitFor();
  await page.getByTestId('verified').first().waitFor();
  await page.waitForTimeout(500); // names arrive in one batched profile query
  await page.screenshot({ path: join(out, `timeline-${lang}.png`) });
  await context.close();
}
await chrome.close();
await node.stop();
console.log(`wrote ${out}/timeline-en.png and timeline-fa.png`);
