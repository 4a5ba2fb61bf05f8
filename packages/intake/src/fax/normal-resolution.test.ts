import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { PERSIAN_FONT, characterErrorRate, faxPage, tempDir } from '@lifeline/testkit';
import { cleanOcrText } from './lines.js';
import { faxReader } from './reader.js';
import { squareHeight, tiffResolutions } from './resolution.js';

// Debian tesseract-ocr(-fas, -eng) and libtiff-tools: in CI a missing one fails the test.
const missing = (() => {
  try {
    const langs = execFileSync('tesseract', ['--list-langs'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (!/^fas$/m.test(langs) || !/^eng$/m.test(langs)) return 'tesseract-ocr-fas / tesseract-ocr-eng';
    execFileSync('tiffinfo', ['-h'], { stdio: 'ignore' });
    return '';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'tesseract-ocr or libtiff-tools' : '';
  }
})();
const skip = missing && process.env.CI !== 'true' ? `needs Debian ${missing}` : false;

const PERSIAN = ['تظاهرات بزرگ در میدان آزادی تهران', 'مردم با سکوت از میدان انقلاب تا آزادی راهپیمایی کردند'];
const ENGLISH = ['June 15 2009 - Azadi Square, Tehran', 'Hundreds of thousands marched in silence.'];
const fa = (text: string) => ({ text, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 });
const en = (text: string) => ({ text, font: 'DejaVu Serif', pt: 14 });

test('TIFF resolutions are read per page, in both byte orders; only a normal-resolution page is stretched', async () => {
  const fine = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000' } })
    .tiff({ xres: 204 / 25.4, yres: 196 / 25.4 })
    .toBuffer();
  const [r] = tiffResolutions(fine);
  assert.ok(r && Math.abs(r.x - 204) < 1 && Math.abs(r.y - 196) < 1, JSON.stringify(r));
  assert.equal(squareHeight(2200, r), 2200);
  assert.equal(squareHeight(1100, { x: 204, y: 98 }), 2290);
  assert.equal(squareHeight(1100, { x: 0, y: 0 }), 1100);
  // A hand-made big-endian TIFF with one IFD: XResolution 204/1, YResolution 98/1, unit inch.
  const be = Buffer.alloc(8 + 2 + 3 * 12 + 4 + 16);
  be.write('MM', 0, 'latin1');
  be.writeUInt16BE(42, 2);
  be.writeUInt32BE(8, 4);
  be.writeUInt16BE(3, 8);
  const entry = (i: number, tag: number, type: number, value: number) => {
    const at = 10 + i * 12;
    be.writeUInt16BE(tag, at);
    be.writeUInt16BE(type, at + 2);
    be.writeUInt32BE(1, at + 4);
    if (type === 3) be.writeUInt16BE(value, at + 8);
    else be.writeUInt32BE(value, at + 8);
  };
  const data = 10 + 3 * 12 + 4;
  entry(0, 282, 5, data);
  entry(1, 283, 5, data + 8);
  entry(2, 296, 3, 2);
  be.writeUInt32BE(204, data);
  be.writeUInt32BE(1, data + 4);
  be.writeUInt32BE(98, data + 8);
  be.writeUInt32BE(1, data + 12);
  assert.deepEqual(tiffResolutions(be), [{ x: 204, y: 98 }]);
  // Not a TIFF, or a truncated one: no resolutions, no exception.
  assert.deepEqual(tiffResolutions(Buffer.from('%PDF-1.4')), []);
  assert.deepEqual(tiffResolutions(be.subarray(0, 20)), []);
});

test('a normal-resolution G4 fax (204 x 98 dpi) is stretched to square pixels and still read', { skip }, async () => {
  const tiff = await faxPage(
    [fa(PERSIAN[0] as string), en(ENGLISH[0] as string), fa(PERSIAN[1] as string), en(ENGLISH[1] as string)],
    2200,
    { normal: true },
  );
  const path = join(tempDir(), 'normal.tif');
  writeFileSync(path, tiff);
  const info = execFileSync('tiffinfo', [path], { encoding: 'utf8' });
  assert.match(info, /Image Width: 1728 Image Length: 1100/);
  assert.match(info, /Resolution: 204, 98 pixels\/inch/);
  assert.match(info, /CCITT Group 4/);

  const started = performance.now();
  const doc = await faxReader({ maxPages: 2, maxPixels: 20_000_000 })(tiff, 'image/tiff');
  const seconds = (performance.now() - started) / 1000;
  const page = doc.pages[0];
  assert.ok(page);
  const shown = await sharp(page.png).metadata();
  assert.equal(shown.width, 1728);
  assert.ok(Math.abs((shown.height ?? 0) - 2290) <= 1, `the stored page is ${shown.height} px tall`);
  const lines = page.text.split('\n');
  assert.equal(lines.length, 4, page.text);
  const cerFa = characterErrorRate(PERSIAN.join(' '), cleanOcrText(`${lines[0]} ${lines[2]}`));
  const cerEn = characterErrorRate(ENGLISH.join(' '), `${lines[1]} ${lines[3]}`);
  console.log(
    `normal-resolution fax OCR: page read in ${seconds.toFixed(2)} s; CER Persian ${(cerFa * 100).toFixed(2)}%, English ${(cerEn * 100).toFixed(2)}%`,
  );
  assert.ok(cerFa <= 0.05, `Persian CER ${cerFa}: ${lines[0]} / ${lines[2]}`);
  assert.ok(cerEn <= 0.03, `English CER ${cerEn}: ${lines[1]} / ${lines[3]}`);
});
