import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import exifr from 'exifr';
import sharp from 'sharp';
import { keys } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import {
  COMMENT,
  GPS,
  jpegSegments,
  jpegWithGps,
  pngChunks,
  pngWithText,
  sha256,
  upload,
  XMP_NS,
  type Descriptor,
} from './helpers.js';

/** Every metadata block exifr can read (the PNG header it would report is not metadata). */
const everyBlock = {
  tiff: true,
  exif: true,
  gps: true,
  interop: true,
  ifd1: true,
  xmp: true,
  iptc: true,
  icc: true,
  jfif: false,
  ihdr: false,
};

describe('media metadata is stripped before storing and hashing', () => {
  let node: TestNode;
  const witness = keys();
  before(async () => {
    node = await startTestNode();
  });
  after(async () => {
    await node.stop();
  });

  test('a JPEG with GPS EXIF, XMP and a comment comes back with none of them, same size, hash matching', async () => {
    const original = await jpegWithGps(64, 48);

    // The fixture really carries what a phone leaks, found by a real EXIF parser and by its bytes.
    const leaked = await exifr.parse(original, { gps: true, xmp: true, tiff: true, exif: true });
    assert.ok(Math.abs(leaked.latitude - GPS.latitude) < 0.001, 'fixture has GPS latitude');
    assert.ok(Math.abs(leaked.longitude - GPS.longitude) < 0.001, 'fixture has GPS longitude');
    assert.equal(leaked.Make, 'WitnessPhone');
    assert.equal(leaked.OffsetTimeOriginal, '+04:30');
    assert.equal(leaked.CreatorTool, 'WitnessCam 1.0', 'fixture has an XMP packet');
    assert.ok(original.includes(XMP_NS));
    const segments = jpegSegments(original);
    assert.ok(
      segments.some((s) => s.marker === 0xe1 && s.data.subarray(0, 4).toString() === 'Exif'),
      'fixture has an APP1 Exif segment',
    );
    assert.ok(
      segments.some((s) => s.marker === 0xfe && s.data.toString('latin1') === COMMENT),
      'fixture has a COM segment',
    );

    const res = await upload(node.httpUrl, original, witness);
    assert.equal(res.status, 201);
    const descriptor = (await res.json()) as Descriptor;
    assert.equal(descriptor.type, 'image/jpeg');
    assert.notEqual(descriptor.sha256, sha256(original), 'what is stored is not what was sent');
    assert.equal(descriptor.url, `${node.httpUrl}/${descriptor.sha256}.jpg`);

    const got = await fetch(`${node.httpUrl}/${descriptor.sha256}`);
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'image/jpeg');
    const stored = Buffer.from(await got.arrayBuffer());
    assert.equal(sha256(stored), descriptor.sha256, 'the blob hashes to its address');
    assert.equal(stored.length, descriptor.size);

    // Nothing survives: no EXIF at all (so no GPS), no XMP, no comment, no APPn but JFIF.
    assert.equal(await exifr.parse(stored, everyBlock), undefined, 'exifr finds no EXIF, XMP, IPTC or ICC');
    assert.equal(await exifr.gps(stored), undefined, 'exifr finds no GPS');
    assert.equal(stored.includes('http://ns.adobe.com/xap'), false);
    assert.equal(stored.includes(Buffer.from('Exif\0\0', 'latin1')), false);
    assert.equal(stored.includes(Buffer.from(COMMENT, 'latin1')), false);
    assert.equal(stored.includes('WitnessPhone'), false);
    const storedSegments = jpegSegments(stored);
    assert.equal(
      storedSegments.some((s) => s.marker === 0xfe),
      false,
      'no COM segment',
    );
    assert.deepEqual(
      storedSegments.filter((s) => s.marker >= 0xe1 && s.marker <= 0xef),
      [],
      'no APP1..APP15 segments (EXIF, XMP, ICC, IPTC)',
    );

    // Still the same picture.
    const meta = await sharp(stored).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 64, 48]);
    const pixels = await sharp(stored).raw().toBuffer();
    assert.equal(pixels.length, 64 * 48 * 3);
  });

  test('a PNG with eXIf, tEXt and iTXt chunks keeps only its image chunks', async () => {
    const original = await pngWithText(32, 24);
    const chunksBefore = pngChunks(original);
    for (const c of ['eXIf', 'tEXt', 'iTXt']) assert.ok(chunksBefore.includes(c), `fixture has ${c}`);
    assert.ok(Math.abs((await exifr.gps(original)).latitude - GPS.latitude) < 0.001, 'fixture has GPS');

    const res = await upload(node.httpUrl, original, witness);
    assert.equal(res.status, 201);
    const descriptor = (await res.json()) as Descriptor;
    assert.equal(descriptor.type, 'image/png');
    const stored = Buffer.from(await (await fetch(`${node.httpUrl}/${descriptor.sha256}.png`)).arrayBuffer());
    assert.equal(sha256(stored), descriptor.sha256);
    const chunks = pngChunks(stored);
    for (const c of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'tIME', 'iCCP'])
      assert.equal(chunks.includes(c), false, `no ${c} chunk`);
    assert.equal(stored.includes(Buffer.from(COMMENT, 'latin1')), false);
    assert.equal(await exifr.parse(stored, everyBlock), undefined, 'exifr finds no EXIF, XMP, IPTC or ICC');
    const meta = await sharp(stored).metadata();
    assert.deepEqual(
      [meta.format, meta.width, meta.height, meta.isPalette],
      ['png', 32, 24, false],
      'lossless, not palette-quantized',
    );
  });

  test('WebP and PUT /media are stripped the same way', async () => {
    const jpeg = await jpegWithGps(40, 30);
    const webp = await sharp(jpeg)
      .webp()
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '35/1 41/1 0/1' } })
      .withXmp(
        `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="${XMP_NS}"/></rdf:RDF></x:xmpmeta>`,
      )
      .toBuffer();
    assert.ok((await sharp(webp).metadata()).exif, 'fixture has EXIF');
    const res = await upload(node.httpUrl, webp, witness, { path: '/media' });
    assert.equal(res.status, 201);
    const descriptor = (await res.json()) as Descriptor;
    assert.equal(descriptor.type, 'image/webp');
    const stored = Buffer.from(await (await fetch(descriptor.url)).arrayBuffer());
    const meta = await sharp(stored).metadata();
    assert.deepEqual(
      [meta.format, meta.width, meta.height, meta.exif, meta.xmp],
      ['webp', 40, 30, undefined, undefined],
    );
    assert.equal(stored.includes('http://ns.adobe.com/xap'), false);
  });

  test('a sideways photo is stored upright, without its orientation tag', async () => {
    const sideways = await sharp(await jpegWithGps(60, 20))
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const res = await upload(node.httpUrl, sideways, witness);
    const descriptor = (await res.json()) as Descriptor;
    const meta = await sharp(Buffer.from(await (await fetch(descriptor.url)).arrayBuffer())).metadata();
    assert.deepEqual([meta.width, meta.height, meta.orientation], [20, 60, undefined]);
  });

  test('re-uploading a stored blob keeps its bytes and hash (200, no second re-encoding)', async () => {
    const first = (await (await upload(node.httpUrl, await jpegWithGps(30, 30), witness)).json()) as Descriptor;
    const stored = Buffer.from(await (await fetch(first.url)).arrayBuffer());
    const other = keys();
    const res = await upload(node.httpUrl, stored, other);
    assert.equal(res.status, 200);
    const again = (await res.json()) as Descriptor;
    assert.equal(again.sha256, first.sha256);
  });
});
