import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { checkAnnounced, cleanUpload, type UploadPolicy } from './upload.js';

const policy: UploadPolicy = { types: new Set(['image/jpeg', 'image/png']), maxPixels: 1_000_000 };

test('an accepted image comes back re-encoded, with its type taken from the bytes', async () => {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#123' } })
    .png()
    .withExif({ IFD0: { Make: 'X' } })
    .toBuffer();
  const out = await cleanUpload(png, policy);
  assert.ok(out.ok);
  assert.equal(out.type, 'image/png');
  assert.equal((await sharp(out.bytes).metadata()).exif, undefined);
});

test('each kind of bad upload gets its own status and reason', async () => {
  const refusal = async (bytes: Buffer) => {
    const r = await cleanUpload(bytes, policy);
    return r.ok ? undefined : r.refusal;
  };
  assert.deepEqual(await refusal(Buffer.alloc(0)), { status: 400, code: 'empty', reason: 'the upload is empty' });
  assert.match(
    (await refusal(Buffer.from('just some text')))?.reason ?? '',
    /unrecognized file type: only JPEG, PNG images/,
  );
  const mp4 = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2', 'latin1');
  assert.deepEqual(await refusal(mp4), {
    status: 415,
    code: 'unsupported-type',
    reason: 'video/mp4 is not accepted (its metadata cannot be stripped): only JPEG, PNG images are',
  });
  const gif = await sharp({ create: { width: 2, height: 2, channels: 3, background: '#fff' } })
    .gif()
    .toBuffer();
  assert.equal((await refusal(gif))?.status, 415);
  const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
  assert.equal((await refusal(garbage))?.status, 400);
  const bomb = await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#fff' } })
    .png()
    .toBuffer();
  assert.deepEqual(await refusal(bomb), { status: 413, code: 'bad-image', reason: 'image has too many pixels' });
});

test('a preflight is judged on the announced size and type', () => {
  assert.equal(checkAnnounced('image/png', 10, 100, policy), undefined);
  assert.equal(checkAnnounced(undefined, 10, 100, policy), undefined);
  assert.equal(checkAnnounced('image/png', 101, 100, policy)?.status, 413);
  assert.equal(checkAnnounced('video/mp4', 10, 100, policy)?.status, 415);
});
