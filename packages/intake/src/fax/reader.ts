import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { wipe } from '@lifeline/blossom';
import type { DocumentPages, DocumentReader } from '../intake.js';
import { chooseLines, isHeaderLine, toLines } from './lines.js';
import { squareHeight, tiffResolutions } from './resolution.js';
import { tesseractWords } from './tesseract.js';

/** Limits and languages of fax reading. */
export interface FaxReaderOptions {
  /** Pages read from one fax; the rest are counted in the sealed details, not read. */
  maxPages: number;
  /** Largest page decoded, in pixels. */
  maxPixels: number;
  /** Tesseract languages, each read as its own pass (Debian: fas, eng). */
  langs?: readonly string[];
  /** Runs OCR with bounded concurrency (each pass is a child process). */
  gate?: <T>(task: () => Promise<T>) => Promise<T>;
}

interface PageImage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
}

/**
 * Reads a fax (TIFF, any compression libtiff decodes, or PDF) into page images and per-line OCR
 * text. Each page is read once per language in child processes and each line keeps the reading
 * it is most confident of. The fax header line (sender's number, TSI) is taken out of the text
 * and painted over in the stored page image; it is returned apart, for the sealed details.
 */
export function faxReader(opts: FaxReaderOptions): DocumentReader {
  const langs = opts.langs ?? ['fas', 'eng'];
  const gate = opts.gate ?? ((task) => task());
  return async (bytes, type): Promise<DocumentPages> => {
    const { images, total } = type === 'application/pdf' ? await pdfPages(bytes, opts) : await tiffPages(bytes, opts);
    const out: DocumentPages = {
      pages: [],
      headers: [],
      ...(total > images.length ? { skippedPages: total - images.length } : {}),
    };
    for (const img of images) {
      const passes = await Promise.all(langs.map((l) => gate(() => tesseractWords(img.png, l, img.dpi))));
      const lines = passes.map((words, i) => toLines(words, langs[i] as string));
      // The header is judged on each line's best reading: a wrong-language pass reads digits into anything.
      const chosen = chooseLines(lines);
      const headers = chosen.filter((l) => isHeaderLine(l, img.height));
      const headerBottom = Math.max(0, ...headers.map((h) => h.bottom));
      const body = chosen.filter((l) => !headers.includes(l));
      if (headers.length) {
        const best = headers.reduce((a, b) => (b.conf > a.conf ? b : a));
        out.headers.push(best.text);
      }
      out.pages.push({ png: await cleanPage(img, headerBottom), text: body.map((l) => l.text).join('\n') });
    }
    return out;
  };
}

/** The page as a metadata-free PNG, with the header band painted white when there is one. */
async function cleanPage(img: PageImage, headerBottom: number): Promise<Buffer> {
  let page = sharp(img.png);
  if (headerBottom > 0) {
    const band = Math.min(img.height, headerBottom + 12);
    const white = await sharp({ create: { width: img.width, height: band, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    page = page.composite([{ input: white, top: 0, left: 0 }]);
  }
  return page.greyscale().png({ compressionLevel: 9 }).toBuffer();
}

async function tiffPages(bytes: Buffer, opts: FaxReaderOptions): Promise<{ images: PageImage[]; total: number }> {
  const meta = await sharp(bytes, { limitInputPixels: opts.maxPixels }).metadata();
  const total = meta.pages ?? 1;
  const resolutions = tiffResolutions(bytes, opts.maxPages);
  const images: PageImage[] = [];
  for (let page = 0; page < Math.min(total, opts.maxPages); page++) {
    const one = sharp(bytes, { page, limitInputPixels: opts.maxPixels, failOn: 'error' });
    const size = await one.metadata();
    const height = squareHeight(size.height ?? 0, resolutions[page]);
    // A normal-resolution page (204 x 98 dpi) is stretched to square pixels: OCR and eyes expect them.
    if (height !== size.height && (size.width ?? 0) * height > opts.maxPixels)
      throw new Error('the fax page is too large');
    const { data, info } = await (height !== size.height
      ? one.resize({ width: size.width ?? 0, height, fit: 'fill', kernel: 'cubic' })
      : one
    )
      .png()
      .toBuffer({ resolveWithObject: true });
    const dpi = Math.round(resolutions[page]?.x || meta.density || 204) || 204;
    images.push({ png: data, width: info.width, height: info.height, dpi });
  }
  return { images, total };
}

const run = promisify(execFile);

/** PDF pages rendered by Debian's pdftoppm (poppler-utils) at fax resolution, in a private temp dir wiped after. */
async function pdfPages(bytes: Buffer, opts: FaxReaderOptions): Promise<{ images: PageImage[]; total: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-fax-'));
  try {
    const input = join(dir, 'in.pdf');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(input, bytes, { mode: 0o600 });
    const info = await run('pdfinfo', [input], { timeout: 30_000 }).catch(() => ({ stdout: '' }));
    const total = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)?.[1] ?? 1);
    await run(
      'pdftoppm',
      ['-r', '204', '-gray', '-png', '-f', '1', '-l', String(opts.maxPages), input, join(dir, 'p')],
      {
        timeout: 120_000,
      },
    ).catch((err: NodeJS.ErrnoException) => {
      throw new Error(
        err.code === 'ENOENT' ? 'pdftoppm is not installed (Debian: poppler-utils)' : 'the PDF could not be read',
      );
    });
    const images: PageImage[] = [];
    for (const name of readdirSync(dir)
      .filter((n) => n.endsWith('.png'))
      .sort()) {
      const png = readFileSync(join(dir, name));
      const m = await sharp(png, { limitInputPixels: opts.maxPixels }).metadata();
      images.push({ png, width: m.width ?? 0, height: m.height ?? 0, dpi: 204 });
    }
    return { images, total };
  } finally {
    for (const name of readdirSync(dir)) await wipe(join(dir, name));
    rmSync(dir, { recursive: true, force: true });
  }
}
