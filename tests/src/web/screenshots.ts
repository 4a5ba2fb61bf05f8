// Writes docs/screenshots/<screen>-<en|fa>-<desktop|phone>.png: the main screens of a seeded node in
// English and Persian (right-to-left), at 1200×800 and at a 390×844 phone. Not a test; run it by hand
// after a build (see docs/screenshots/README.md):
//   npx tsc -b && npm run build -w @lifeline/web && node tests/dist/web/screenshots.js [screen…]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { npubEncode } from 'nostr-tools/nip19';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { blogPath, buildBlog, buildEntry, parseBlog } from '@lifeline/liveblog';
import { DESK_LIST_KIND, type NostrEvent } from '@lifeline/nostr';
import { blockyPixels, keys, RawClient, signed, tempDir } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { installNip07, launchChromium } from '@lifeline/testkit/browser';
import { buildClaim, buildSource } from '@lifeline/verify-desk';
import { seedTimeline } from './seed.js';
import { webDir } from '../web-dir.js';

const out = join(process.cwd(), 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const only = process.argv.slice(2);
const SIZES = { desktop: { width: 1200, height: 800 }, phone: { width: 390, height: 844 } } as const;

// The node and its content: a timeline, a desk owner's live-blog, a claim and an SMS in intake.
const owner = keys();
const node = await startTestNode({ webDir, desk: npubEncode(owner.pk), intakeLocal: true });
const { people, events } = await seedTimeline(node.url);
const raw = await RawClient.connect(node.url);
const put = async (e: NostrEvent) => {
  const ok = await raw.publish(e);
  if (ok[2] !== true) throw new Error(`refused: ${JSON.stringify(ok)}`);
  return e;
};
const now = Math.floor(Date.now() / 1000);
const [sara] = people;
const first = events.find((e) => e.kind === 1)!;
await put(signed(owner, { kind: 0, content: JSON.stringify({ name: 'Tehran desk', about: 'Live coverage' }) }));
await put(
  signed(owner, {
    kind: DESK_LIST_KIND,
    tags: [
      ['d', 'lifeline-desk'],
      ['title', 'Tehran desk'],
      ['p', owner.pk],
    ],
  }),
);
const blog = parseBlog(
  await put(signed(owner, buildBlog({ d: 'tehran-live', title: 'Tehran, live', lang: 'en' }, now - 4000))),
);
await put(
  signed(
    owner,
    buildEntry(blog, { headline: 'Crowds at Azadi Square', body: 'A reader writes:', embeds: [first] }, now - 3500),
  ),
);
await put(
  signed(
    owner,
    buildEntry(
      blog,
      { headline: 'Mobile internet cut', body: 'Several readers in Tehran report no mobile data since noon.' },
      now - 2000,
    ),
  ),
);
const claim = await put(
  signed(
    owner,
    buildClaim({ target: first.id, targetAuthor: sara!.pk, text: 'Large crowds gathered at Azadi Square', lang: 'en' }),
  ),
);
await put(signed(owner, buildSource({ claim: claim.id, event: first.id, kind: 'primary', stance: 'supports' })));
await raw.close();
await node.intake!.intake.receive({
  channel: 'sms',
  via: 'smssync',
  address: '+989120000000',
  contact: {},
  text: 'تجمع بزرگ در میدان آزادی، ساعت ۵ عصر',
  attachments: [],
});
const picture = join(tempDir('lifeline-shots-'), 'crowd.png');
const px = blockyPixels(7, 512);
writeFileSync(picture, await sharp(px.data, { raw: px }).png().toBuffer());

/** One screen: where to go and what to wait for before the picture. */
interface Screen {
  name: string;
  open(page: Page, lang: 'en' | 'fa'): Promise<void>;
}
const hash = (h: string, wait: string) => async (page: Page) => {
  await page.goto(`${node.httpUrl}/${h}`);
  await page.locator(wait).first().waitFor();
};
const screens: Screen[] = [
  { name: 'timeline', open: hash('#/everyone', '[data-testid=verified]') },
  { name: 'thread', open: hash(`#/thread/${first.id}`, '[data-testid=note]') },
  { name: 'profile', open: hash(`#/p/${npubEncode(sara!.pk)}`, '[data-testid=note]') },
  {
    name: 'composer-image',
    async open(page, lang) {
      await hash('#/everyone', '[data-testid=note]')(page);
      const form = page.locator('main form.compose').first();
      await form
        .locator('textarea')
        .fill(lang === 'fa' ? 'میدان آزادی، ساعت ۵ عصر #تهران' : 'Azadi Square, 5pm. #Tehran');
      const file = form.locator('input[type=file]');
      if (await file.count()) {
        await file.first().setInputFiles(picture);
        await form.locator('img').first().waitFor();
      }
    },
  },
  { name: 'live-reader', open: hash(blogPath(owner.pk, blog.d).replace(/^\//, ''), 'article') },
  { name: 'desk-claim', open: hash(`#/claim/${claim.id}`, 'main h1') },
  { name: 'intake-queue', open: hash('#/intake', '[data-testid=intake-item]') },
  { name: 'settings', open: hash('#/settings', 'main h1') },
];

const chrome = await launchChromium();
const written: string[] = [];
for (const lang of ['en', 'fa'] as const) {
  for (const [size, viewport] of Object.entries(SIZES)) {
    const { context, page } = await chrome.newUser({
      locale: lang === 'fa' ? 'fa-IR' : 'en-US',
      timezoneId: 'Asia/Tehran',
    });
    await context.addInitScript(`localStorage.setItem('lifeline.lang', '${lang}');`);
    // The desk owner, signed in with a NIP-07 extension (signing in this process, as an extension would).
    await installNip07(context, owner, { signedIn: true, nip44: true });
    await page.setViewportSize(viewport);
    page.setDefaultTimeout(20_000);
    for (const screen of screens) {
      if (only.length && !only.includes(screen.name)) continue;
      await screen.open(page, lang);
      await page.waitForTimeout(700); // names and counts arrive in batched queries
      const file = `${screen.name}-${lang}-${size}.png`;
      await page.screenshot({ path: join(out, file) });
      written.push(file);
    }
    await context.close();
  }
}
await chrome.close();
await node.stop();
console.log(`wrote ${written.length} screenshots to ${out}:\n  ${written.join('\n  ')}`);
