import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { PERSIAN_FONT, characterErrorRate, faxPage, tempDir } from '@lifeline/testkit';
import { Intake } from '../intake.js';
import { openContact } from '../seal.js';
import { IntakeStore } from '../store.js';
import { cleanOcrText } from './lines.js';
import { faxReader } from './reader.js';
import { tesseractWords } from './tesseract.js';

// Debian tesseract-ocr, -fas, -eng and libtiff-tools: in CI a missing one fails the test.
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

const HEADER = 'FROM: +98 21 5550 0100   30/11/2026 10:45   P.01/01';
const PERSIAN = ['تظاهرات بزرگ در میدان آزادی تهران', 'مردم با سکوت از میدان انقلاب تا آزادی راهپیمایی کردند'];
const ENGLISH = ['June 15 2009 - Azadi Square, Tehran', 'Hundreds of thousands marched in silence.'];
const fa = (text: string) => ({ text, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 });
const en = (text: string) => ({ text, font: 'DejaVu Serif', pt: 14 });

test('a G4 fax in Persian and English is read line by line; the header number is only in the sealed details', {
  skip,
}, async () => {
  const tiff = await faxPage([
    { text: HEADER, font: 'DejaVu Sans Mono', pt: 9 },
    fa(PERSIAN[0] as string),
    en(ENGLISH[0] as string),
    fa(PERSIAN[1] as string),
    en(ENGLISH[1] as string),
  ]);
  const dir = tempDir();
  const tiffPath = join(dir, 'in.tif');
  (await import('node:fs')).writeFileSync(tiffPath, tiff);
  const info = execFileSync('tiffinfo', [tiffPath], { encoding: 'utf8' });
  assert.match(info, /Image Width: 1728/);
  assert.match(info, /Resolution: 204, 196 pixels\/inch/);
  assert.match(info, /Bits\/Sample: 1/);
  assert.match(info, /CCITT Group 4/);

  const member = generateSecretKey();
  const store = new IntakeStore(join(dir, 'intake'));
  const intake = new Intake({
    store,
    secret: new Uint8Array(32).fill(5),
    members: async () => [getPublicKey(member)],
    images: { types: new Set(['image/png']), maxPixels: 20_000_000 },
    documents: faxReader({ maxPages: 5, maxPixels: 20_000_000 }),
  });
  const started = performance.now();
  const m = await intake.receive({
    channel: 'fax',
    address: 'unknown',
    contact: {},
    text: '',
    attachments: [{ name: 'fax.tif', type: 'image/tiff', bytes: tiff }],
  });
  const seconds = (performance.now() - started) / 1000;
  const lines = (m.pages[0] ?? '').split('\n');
  assert.equal(lines.length, 4, m.pages[0]);
  const cerFa = characterErrorRate(PERSIAN.join(' '), cleanOcrText(`${lines[0]} ${lines[2]}`));
  const cerEn = characterErrorRate(ENGLISH.join(' '), `${lines[1]} ${lines[3]}`);
  console.log(
    `fax OCR: page read in ${seconds.toFixed(2)} s; CER Persian ${(cerFa * 100).toFixed(2)}%, English ${(cerEn * 100).toFixed(2)}%`,
  );
  assert.ok(cerFa <= 0.05, `Persian CER ${cerFa}: ${lines[0]} / ${lines[2]}`);
  assert.ok(cerEn <= 0.03, `English CER ${cerEn}: ${lines[1]} / ${lines[3]}`);
  for (const word of ['میدان', 'آزادی', 'تهران', 'Azadi', 'Tehran', 'silence']) assert.ok(m.text.includes(word), word);

  const contact = openContact(store.contact(m.id)!, member);
  assert.match(JSON.stringify(contact.faxHeaders), /5550 ?0100/);
  // The number appears nowhere else: not in the text, not in the database file, not in the page image.
  const digitsOf = (s: string) => s.replace(/\D/g, '');
  assert.ok(!digitsOf(m.text).includes('55500100'), m.text);
  store.close();
  const db = readFileSync(join(dir, 'intake', 'intake.db'));
  for (const form of ['5550 0100', '55500100', '+98 21']) assert.ok(!db.includes(form), form);
  const files = readdirSync(join(dir, 'intake', 'files'));
  assert.equal(files.length, 1);
  const stored = readFileSync(join(dir, 'intake', 'files', files[0] as string));
  const reread = (await tesseractWords(stored, 'eng', 204)).map((w) => w.text).join(' ');
  assert.ok(!digitsOf(reread).includes('5550'), `the stored page still shows the header: ${reread}`);
  assert.match(reread, /Azadi/);
});

test('a fax longer than the page limit is read up to it; the rest is counted in the sealed details', {
  skip,
}, async () => {
  const dir = tempDir();
  const names: string[] = [];
  for (let i = 1; i <= 3; i++) {
    const name = join(dir, `p${i}.tif`);
    (await import('node:fs')).writeFileSync(name, await faxPage([en(`Page ${i} of the report`)], 800));
    names.push(name);
  }
  execFileSync('tiffcp', [...names, join(dir, 'all.tif')]);
  const member = generateSecretKey();
  const store = new IntakeStore(join(dir, 'intake'));
  const intake = new Intake({
    store,
    secret: new Uint8Array(32).fill(5),
    members: async () => [getPublicKey(member)],
    images: { types: new Set(['image/png']), maxPixels: 20_000_000 },
    documents: faxReader({ maxPages: 2, maxPixels: 20_000_000 }),
  });
  const m = await intake.receive({
    channel: 'fax',
    address: 'unknown',
    contact: {},
    text: '',
    attachments: [{ name: 'all.tif', type: 'image/tiff', bytes: readFileSync(join(dir, 'all.tif')) }],
  });
  assert.deepEqual(
    m.pages.map((p) => p.trim()),
    ['Page 1 of the report', 'Page 2 of the report'],
  );
  assert.equal(openContact(store.contact(m.id)!, member).skippedPages, 1);
  store.close();
});
