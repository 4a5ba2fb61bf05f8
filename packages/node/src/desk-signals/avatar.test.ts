import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { AVATAR_HAMMING, hamming } from '@lifeline/desk-signals';
import { blockyPixels, serveFiles } from '@lifeline/testkit';
import { AvatarFetchError, fetchAvatar, isPrivateAddress } from './avatar-fetch.js';
import { imageHash } from './avatar-hash.js';

const png = (seed: number, size = 128) => {
  const p = blockyPixels(seed, size);
  return sharp(Buffer.from(p.data), { raw: { width: p.width, height: p.height, channels: p.channels } })
    .png()
    .toBuffer();
};

test('a re-encoded, resized copy of an avatar hashes within the threshold; a different picture does not', async () => {
  const original = await png(7);
  const copy = await sharp(original).resize(96, 96).jpeg({ quality: 60 }).toBuffer();
  const webp = await sharp(original).resize(200, 200).webp({ quality: 50 }).toBuffer();
  const other = await png(8);
  const h = await imageHash(original);
  assert.ok(hamming(h, await imageHash(copy)) <= AVATAR_HAMMING, 'jpeg copy');
  assert.ok(hamming(h, await imageHash(webp)) <= AVATAR_HAMMING, 'webp copy');
  assert.ok(hamming(h, await imageHash(other)) > AVATAR_HAMMING * 1.5, 'different picture');
});

test('garbage bytes are refused by the decoder, not hashed', async () => {
  await assert.rejects(imageHash(Buffer.from('not an image at all')));
});

test('private, loopback and link-local addresses are refused; public ones are not', () => {
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '192.168.0.1',
    '172.20.0.1',
    '169.254.169.254',
    '::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '0.0.0.0',
  ])
    assert.ok(isPrivateAddress(a), a);
  for (const a of ['93.184.216.34', '2606:4700::1111']) assert.ok(!isPrivateAddress(a), a);
});

test('avatar downloads: loopback refused unless allowed, size capped, only http(s), redirects checked', async () => {
  const body = await png(3);
  const server = await serveFiles({
    '/a.png': { type: 'image/png', body },
    '/moved': { redirect: '/a.png' },
    '/loop': { redirect: '/loop' },
    '/to-file': { redirect: 'file:///etc/passwd' },
  });
  const limits = { maxBytes: 1_000_000, timeoutMs: 2000, allowPrivate: false };
  try {
    await assert.rejects(fetchAvatar(`${server.url}/a.png`, limits), AvatarFetchError);
    assert.equal(server.hits.get('/a.png'), undefined, 'no request reached the private address');
    await assert.rejects(fetchAvatar(`http://localhost:${new URL(server.url).port}/a.png`, limits), AvatarFetchError);
    const ok = await fetchAvatar(`${server.url}/a.png`, { ...limits, allowPrivate: true });
    assert.equal(ok.length, body.length);
    await assert.rejects(
      fetchAvatar(`${server.url}/a.png`, { ...limits, allowPrivate: true, maxBytes: 100 }),
      /too large/,
    );
    await assert.rejects(fetchAvatar('file:///etc/passwd', limits), /not http/);
    await assert.rejects(fetchAvatar(`${server.url}/missing.png`, { ...limits, allowPrivate: true }), /status 404/);
    // Redirects are followed (a few), and each hop is checked again.
    const hop = await fetchAvatar(`${server.url}/moved`, { ...limits, allowPrivate: true });
    assert.equal(hop.length, body.length);
    await assert.rejects(fetchAvatar(`${server.url}/loop`, { ...limits, allowPrivate: true }), /too many redirects/);
    await assert.rejects(fetchAvatar(`${server.url}/to-file`, { ...limits, allowPrivate: true }), /not http/);
  } finally {
    await server.close();
  }
});
