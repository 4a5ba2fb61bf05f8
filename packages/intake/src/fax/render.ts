import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp, { type OverlayOptions } from 'sharp';
import { wipe } from '@lifeline/blossom';

/** A fax page: 1728 px wide (ITU T.4), A4 at fine resolution (204 x 196 dpi). */
const WIDTH = 1728;
const HEIGHT = 2292;
const MARGIN = 110;
/**
 * Persian first (Debian fonts-farsiweb's Nazli), Latin from DejaVu Serif: pango picks per character.
 * 18 pt: at 16 pt tesseract missed whole long Persian lines in 1 of 3 test sentences (bench/RESULTS.md).
 */
export const FAX_FONT = 'Nazli,DejaVu Serif 18';
/** Pages one reply may fill. */
export const MAX_REPLY_PAGES = 5;

/** A reply that would fill more than MAX_REPLY_PAGES pages: the member's to shorten, not the gateway's fault. */
export class FaxTooLongError extends Error {
  constructor() {
    super(`the reply is longer than ${MAX_REPLY_PAGES} fax pages`);
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** The first strong character decides a paragraph's direction (as Unicode's bidi algorithm does). */
const rtl = (s: string) => /^[^A-Za-z\u0590-\u08ff]*[\u0590-\u08ff]/.test(s);

/**
 * Renders a text as fax pages (bilevel CCITT G4 TIFFs at 204 x 196 dpi). Each paragraph is laid
 * out by pango through sharp — HarfBuzz joins Persian letters, FriBidi orders mixed lines — and a
 * right-to-left paragraph is set against the right margin.
 */
export async function renderFaxPages(text: string, font = FAX_FONT): Promise<Buffer[]> {
  const pages: OverlayOptions[][] = [[]];
  let y = MARGIN;
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (!para.trim()) {
      y += 40;
      continue;
    }
    const { data, info } = await sharp({
      text: { text: esc(para), font, width: WIDTH - 2 * MARGIN, dpi: 204, wrap: 'word-char' },
    })
      .negate({ alpha: false })
      .png()
      .toBuffer({ resolveWithObject: true });
    // A paragraph taller than what is left of the page is cut into page-high slices.
    for (let top = 0; top < info.height; ) {
      if (y + Math.min(info.height - top, 60) > HEIGHT - MARGIN) {
        if (pages.length >= MAX_REPLY_PAGES) throw new FaxTooLongError();
        pages.push([]);
        y = MARGIN;
      }
      const h = Math.min(info.height - top, HEIGHT - MARGIN - y);
      const slice = await sharp(data).extract({ left: 0, top, width: info.width, height: h }).png().toBuffer();
      const left = rtl(para) ? WIDTH - MARGIN - info.width : MARGIN;
      (pages[pages.length - 1] as OverlayOptions[]).push({ input: slice, top: y, left, blend: 'multiply' });
      y += h;
      top += h;
    }
    // A clear gap between paragraphs: OCR on the far end (and ours) keeps a Persian and a Latin line apart.
    y += 56;
  }
  return Promise.all(
    pages.map(async (parts) =>
      sharp(
        await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: '#fff' } })
          .composite(parts)
          .png()
          .toBuffer(),
      )
        .flatten({ background: '#fff' })
        .removeAlpha()
        .greyscale()
        .threshold(160)
        .toColourspace('b-w')
        .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 196 / 25.4 })
        .toBuffer(),
    ),
  );
}

const run = promisify(execFile);

/** The pages as one multi-page TIFF (what HylaFAX's sendfax takes), joined by Debian libtiff-tools' `tiffcp`. */
export const faxTiff = (pages: readonly Buffer[]) => joined(pages, 'tiff');

/**
 * The pages as one PDF (what fax providers take): `tiffcp` joins the pages, `tiff2pdf` wraps them
 * keeping the G4 data as it is (Debian libtiff-tools).
 */
export const faxPdf = (pages: readonly Buffer[]) => joined(pages, 'pdf');

/** Joins pages in a private temp directory whose files are overwritten and removed after. */
async function joined(pages: readonly Buffer[], as: 'tiff' | 'pdf'): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-fax-out-'));
  const files = pages.map((p, i) => {
    const f = join(dir, `p${i}.tif`);
    writeFileSync(f, p, { mode: 0o600 });
    return f;
  });
  const all = join(dir, 'all.tif');
  const pdf = join(dir, 'out.pdf');
  try {
    await run('tiffcp', [...files, all], { timeout: 60_000 });
    if (as === 'tiff') return readFileSync(all);
    await run('tiff2pdf', ['-o', pdf, all], { timeout: 60_000 });
    return readFileSync(pdf);
  } catch (err) {
    throw new Error(
      (err as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'tiffcp/tiff2pdf are not installed (Debian: libtiff-tools)'
        : 'the fax pages could not be joined',
    );
  } finally {
    for (const f of [...files, all, pdf]) await wipe(f).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
