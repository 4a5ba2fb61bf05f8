// Intake replies and fax resolutions: fax replies rendered per second (pango -> G4 TIFF -> PDF,
// one at a time) and their size; a rendered reply read back by the fax reader (CER); and a
// normal-resolution fax (204 x 98 dpi) read with and without stretching to square pixels (CER).
// Usage: node bench/dist/intake-replies.js [replies=10]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  chooseLines,
  cleanOcrText,
  faxPdf,
  faxReader,
  renderFaxPages,
  tesseractWords,
  toLines,
} from '@lifeline/intake';
import { PERSIAN_FONT, characterErrorRate, faxPage } from '@lifeline/testkit';

const replies = Number(process.argv[2] ?? 10);
const PERSIAN = 'پیام شما به دست ما رسید و در حال بررسی آن هستیم. لطفا مراقب خودتان باشید.';
const ENGLISH = 'Thank you for your fax, we are checking the report. Please stay safe.';
const cpu = () => process.cpuUsage();
const cpuSeconds = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1e6;
};
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

async function renderBench() {
  const started = performance.now();
  const c = cpu();
  let bytes = 0;
  let pdf: Buffer = Buffer.alloc(0);
  for (let i = 0; i < replies; i++) {
    pdf = await faxPdf(await renderFaxPages(`${PERSIAN}\n${ENGLISH}`));
    bytes += pdf.length;
  }
  const s = (performance.now() - started) / 1000;
  console.log(
    `fax replies: ${replies} rendered to PDF in ${s.toFixed(2)} s (${(s / replies).toFixed(3)} s each, node CPU ${cpuSeconds(c).toFixed(2)} s); ${Math.round(bytes / replies)} bytes each`,
  );
  const doc = await faxReader({ maxPages: 2, maxPixels: 20_000_000 })(pdf, 'application/pdf');
  const lines = doc.pages[0]?.text.split('\n') ?? [];
  console.log(
    `read back: CER Persian ${(100 * characterErrorRate(PERSIAN, cleanOcrText(lines[0] ?? ''))).toFixed(2)}%, English ${(100 * characterErrorRate(ENGLISH, lines[1] ?? '')).toFixed(2)}%`,
  );
}

async function normalBench() {
  const fa = ['تظاهرات بزرگ در میدان آزادی تهران', 'مردم با سکوت از میدان انقلاب تا آزادی راهپیمایی کردند'];
  const en = ['June 15 2009 - Azadi Square, Tehran', 'Hundreds of thousands marched in silence.'];
  const tiff = await faxPage(
    [
      { text: fa[0] as string, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: en[0] as string, font: 'DejaVu Serif', pt: 14 },
      { text: fa[1] as string, font: 'Nazli', fontfile: PERSIAN_FONT, pt: 16 },
      { text: en[1] as string, font: 'DejaVu Serif', pt: 14 },
    ],
    2200,
    { normal: true },
  );
  const cer = (lines: string[]) =>
    `Persian ${(100 * characterErrorRate(fa.join(' '), cleanOcrText(`${lines[0]} ${lines[2]}`))).toFixed(2)}%, English ${(100 * characterErrorRate(en.join(' '), `${lines[1]} ${lines[3]}`)).toFixed(2)}%`;
  let started = performance.now();
  const doc = await faxReader({ maxPages: 1, maxPixels: 20_000_000 })(tiff, 'image/tiff');
  console.log(
    `normal resolution, stretched: ${((performance.now() - started) / 1000).toFixed(2)} s, CER ${cer(doc.pages[0]?.text.split('\n') ?? [])}`,
  );
  started = performance.now();
  // The TIFF as it came (tesseract reads it through leptonica), its pixels twice as tall as wide.
  const passes = await Promise.all(['fas', 'eng'].map((l) => tesseractWords(tiff, l, 204)));
  const lines = chooseLines(passes.map((w, i) => toLines(w, ['fas', 'eng'][i] as string))).map((l) => l.text);
  console.log(
    `normal resolution, as received: ${((performance.now() - started) / 1000).toFixed(2)} s, CER ${cer(lines)}`,
  );
}

console.log(`load average before: ${load()}`);
await renderBench();
await normalBench();
console.log(`load average after: ${load()}`);
