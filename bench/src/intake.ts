// Intake throughput: fax pages OCR'd per minute on one core (Debian tesseract, fas and eng passes,
// one child process at a time), and email messages per second through the SMTP intake into the
// store (nodemailer over loopback TCP, pooled connections).
// Usage: node bench/dist/intake.js [pages=6] [mails=400] [connections=4]
import { performance } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { Intake, IntakeStore, deliverEmail, faxReader, startSmtpIntake } from '@lifeline/intake';
import { PERSIAN_FONT, characterErrorRate, faxPage, tempDir } from '@lifeline/testkit';
import { createGate } from '@lifeline/blossom';

const pages = Number(process.argv[2] ?? 6);
const mails = Number(process.argv[3] ?? 400);
const connections = Number(process.argv[4] ?? 4);

const PERSIAN = ['گزارش شماره LINE از میدان آزادی تهران', 'نیروهای امنیتی خیابان انقلاب را بستند'];
const ENGLISH = ['Report LINE from Azadi Square, Tehran', 'Security forces closed Enghelab street.'];

function intakeOn(dir: string, ocr: boolean) {
  const store = new IntakeStore(dir);
  const intake = new Intake({
    store,
    secret: new Uint8Array(32).fill(1),
    members: async () => [getPublicKey(generateSecretKey())],
    images: { types: new Set(['image/png', 'image/jpeg']), maxPixels: 40_000_000 },
    ...(ocr ? { documents: faxReader({ maxPages: 5, maxPixels: 40_000_000, gate: createGate(1) }) } : {}),
  });
  return { store, intake };
}

async function ocrBench() {
  const dir = tempDir();
  const { store, intake } = intakeOn(dir, true);
  const faxes: Array<{ tiff: Buffer; fa: string; en: string }> = [];
  for (let i = 0; i < pages; i++) {
    const fa = PERSIAN.map((l) => l.replace('LINE', String(i + 1)));
    const en = ENGLISH.map((l) => l.replace('LINE', String(i + 1)));
    const tiff = await faxPage([
      { text: `FROM +98 21 5550 01${String(i).padStart(2, '0')}  30/11/2026  P.01`, font: 'DejaVu Sans Mono', pt: 9 },
      { text: fa[0] as string, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: en[0] as string, font: 'DejaVu Serif', pt: 14 },
      { text: fa[1] as string, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: en[1] as string, font: 'DejaVu Serif', pt: 14 },
    ]);
    faxes.push({ tiff, fa: fa.join(' '), en: en.join(' ') });
  }
  let errFa = 0;
  let errEn = 0;
  const t0 = performance.now();
  for (const f of faxes) {
    const m = await intake.receive({
      channel: 'fax',
      address: 'unknown',
      contact: {},
      text: '',
      attachments: [{ name: 'f.tif', type: 'image/tiff', bytes: f.tiff }],
    });
    const lines = (m.pages[0] ?? '').split('\n');
    errFa += characterErrorRate(f.fa, `${lines[0]} ${lines[2]}`);
    errEn += characterErrorRate(f.en, `${lines[1]} ${lines[3]}`);
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `fax OCR: ${pages} pages in ${seconds.toFixed(1)} s = ${((pages / seconds) * 60).toFixed(1)} pages/min on one core; mean CER Persian ${((errFa / pages) * 100).toFixed(2)}%, English ${((errEn / pages) * 100).toFixed(2)}%`,
  );
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

async function smtpBench() {
  const dir = tempDir();
  const { store, intake } = intakeOn(dir, false);
  const smtp = await startSmtpIntake({
    host: '127.0.0.1',
    port: 0,
    addresses: ['tips@desk.example'],
    maxBytes: 1 << 20,
    perSenderPerMinute: 1e9,
    onMessage: deliverEmail(intake),
  });
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtp.port,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Number.POSITIVE_INFINITY,
  });
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < mails) {
        const i = next++;
        await transport.sendMail({
          from: `witness${i % 50}@example.org`,
          to: 'tips@desk.example',
          subject: `report ${i}`,
          text: `Crowds at Azadi square, report ${i}. تجمع در میدان آزادی`,
        });
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `SMTP intake: ${mails} messages over ${connections} connections in ${seconds.toFixed(2)} s = ${(mails / seconds).toFixed(0)} messages/s (parsed, sealed to 1 member, stored with FULL sync)`,
  );
  transport.close();
  await smtp.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
}

await ocrBench();
await smtpBench();
