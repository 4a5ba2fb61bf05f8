import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { npubEncode } from 'nostr-tools/nip19';
import { blockyPixels, type FileServer, keys, RawClient, serveFiles, signed, waitFor } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { foreignRequests } from '@lifeline/testkit/browser';
import { AppUser } from '../web/app-user.js';
import { webDir } from '../web-dir.js';

/*
 * Issue 11, as a reader with no account sees it: a well-followed Persian account, and an impostor
 * whose name differs only by an Arabic yeh and whose avatar is the same picture re-encoded (served
 * by a local 127.0.0.1 server, fetched by the node only). The node flags the impostor; the web app
 * shows "Impostor of @…" on its post and on its profile.
 */

const env = nodeSuite({ browser: true, node: { webDir, impostorMinFollowers: 3, avatarAllowPrivate: true } });
let images: FileServer;
const NAME = 'خبرنگار آزادی';

before(async () => {
  const p = blockyPixels(21);
  const avatar = await sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: 3 } })
    .png()
    .toBuffer();
  images = await serveFiles({
    '/real.png': { type: 'image/png', body: avatar },
    '/fake.jpg': { type: 'image/jpeg', body: await sharp(avatar).resize(90, 90).jpeg({ quality: 65 }).toBuffer() },
  });
});
after(() => images.close());

test('a reader with no account sees the node flag an Arabic-yeh impostor with the same avatar, on its post and profile', async () => {
  const real = keys();
  const fake = keys();
  const c = await RawClient.connect(env.node.url);
  try {
    await c.publish(
      signed(real, { kind: 0, content: JSON.stringify({ name: NAME, picture: `${images.url}/real.png` }) }),
    );
    for (let i = 0; i < 3; i++) await c.publish(signed(keys(), { kind: 3, tags: [['p', real.pk]] }));
    await c.publish(
      signed(fake, { kind: 0, content: JSON.stringify({ name: 'خبرنگار آزادي', picture: `${images.url}/fake.jpg` }) }),
    );
    await c.publish(signed(fake, { kind: 1, content: 'تجمع امروز لغو شد، به خانه برگردید' }));
  } finally {
    await c.close();
  }
  await env.node.signals.impostors.settled();
  assert.equal(env.node.signals.impostors.verdict(fake.pk)?.imitates, real.pk);
  const fetchedByNode = (images.hits.get('/real.png') ?? 0) + (images.hits.get('/fake.jpg') ?? 0);

  const { page } = await env.chrome.newUser();
  const reader = new AppUser(page, env.node.httpUrl);
  await reader.justRead();
  await reader.go(`#/p/${npubEncode(fake.pk)}`);
  const post = reader.note('تجمع امروز لغو شد');
  await post.waitFor();
  const onPost = post.getByTestId('impostor-of');
  await onPost.waitFor();
  assert.match((await onPost.textContent()) ?? '', /Impostor of @خبرنگار آزادی/);
  assert.equal(await onPost.getAttribute('href'), `#/p/${npubEncode(real.pk)}`);
  // The profile header carries it too: one badge outside the post.
  await waitFor(
    async () =>
      (await page.getByTestId('impostor-of').count()) >
      (await page.getByTestId('note').getByTestId('impostor-of').count()),
    'the badge on the profile header',
  );

  // In Persian too.
  await page.getByLabel('Language / زبان').first().selectOption('fa');
  await page.getByTestId('impostor-of').filter({ hasText: 'جعل هویتِ @خبرنگار آزادی' }).first().waitFor();

  // The real account is not flagged.
  await reader.go(`#/p/${npubEncode(real.pk)}`);
  await page
    .getByTestId('impostor-of')
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  await page.waitForTimeout(500);
  assert.equal(await page.getByTestId('impostor-of').count(), 0);

  // The browser never fetched the avatars itself, and asked nothing of another origin.
  assert.equal((images.hits.get('/real.png') ?? 0) + (images.hits.get('/fake.jpg') ?? 0), fetchedByNode);
  assert.deepEqual(foreignRequests(env.chrome.requests, env.node.httpUrl), []);
});
