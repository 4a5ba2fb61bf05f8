import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import { stripImage } from './strip.js';

type Sharp = ReturnType<typeof sharp>;

const opts = { maxPixels: 10_000_000 };
const xmp =
  '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Cam"/></rdf:RDF></x:xmpmeta>';
const gps = {
  IFD0: { Make: 'SpyCam' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '51/1 25/1 0/1' },
};
const canvas = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c84' } });

for (const [type, make] of [
  ['image/jpeg', (s: Sharp) => s.jpeg()],
  ['image/png', (s: Sharp) => s.png()],
  ['image/webp', (s: Sharp) => s.webp()],
  ['image/avif', (s: Sharp) => s.avif({ effort: 0 })],
] as const) {
  test(`${type}: EXIF with GPS and XMP are gone, pixels and format stay`, async () => {
    const input = await make(canvas(32, 16)).withExif(gps).withXmp(xmp).toBuffer();
    const before = await sharp(input).metadata();
    assert.ok(before.exif && before.xmp, 'fixture carries EXIF and XMP');
    const out = await stripImage(input, type, opts);
    assert.ok(out.ok);
    const after = await sharp(out.bytes).metadata();
    assert.equal(after.format, before.format);
    assert.deepEqual([after.width, after.height], [32, 16]);
    assert.equal(after.exif, undefined);
    assert.equal(after.xmp, undefined);
    assert.equal(after.icc, undefined);
    assert.equal(out.bytes.includes('SpyCam'), false);
    assert.equal(out.bytes.includes('http://ns.adobe.com/xap'), false);
  });
}

test('EXIF orientation is applied to the pixels, then dropped', async () => {
  const input = await canvas(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  assert.equal((await sharp(input).metadata()).orientation, 6);
  const out = await stripImage(input, 'image/jpeg', opts);
  assert.ok(out.ok);
  const after = await sharp(out.bytes).metadata();
  assert.deepEqual([after.width, after.height, after.orientation], [20, 40, undefined]);
});

test('animated GIFs keep their frames', async () => {
  const frame = (c: string) =>
    sharp({ create: { width: 8, height: 8, channels: 3, background: c } })
      .png()
      .toBuffer();
  const frames = await Promise.all(['#f00', '#0f0', '#00f'].map(frame));
  const animated = await sharp(frames, { join: { animated: true } })
    .gif({ loop: 0 })
    .toBuffer();
  assert.equal((await sharp(animated).metadata()).pages, 3);
  const out = await stripImage(animated, 'image/gif', opts);
  assert.ok(out.ok);
  const after = await sharp(out.bytes).metadata();
  assert.deepEqual([after.format, after.pages, after.width, out.height], ['gif', 3, 8, 8]);
});

test('garbage behind an image magic number is refused with a reason', async () => {
  const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
  const out = await stripImage(bytes, 'image/jpeg', opts);
  assert.equal(out.ok, false);
  assert.match(!out.ok ? out.reason : '', /could not be decoded/);
});

test('a truncated image is refused', async () => {
  const whole = await canvas(64, 64).jpeg().toBuffer();
  const out = await stripImage(whole.subarray(0, whole.length - 40), 'image/jpeg', opts);
  assert.equal(out.ok, false);
});

test('the pixel limit stops decompression bombs before decoding', async () => {
  const big = await canvas(2000, 2000).png().toBuffer();
  const out = await stripImage(big, 'image/png', { maxPixels: 1_000_000 });
  assert.deepEqual(out, { ok: false, reason: 'image has too many pixels' });
});
