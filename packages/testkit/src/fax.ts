import sharp, { type OverlayOptions } from 'sharp';

/** One line of a test fax: its text, a font known to fontconfig (or a font file), and the size. */
export interface FaxLine {
  text: string;
  font: string;
  /** A font file to load (e.g. Debian's fonts-farsiweb Nazli); fontconfig's family otherwise. */
  fontfile?: string;
  pt: number;
}

/** Debian fonts-farsiweb's Nazli: a Persian font for test faxes. */
export const PERSIAN_FONT = '/usr/share/fonts/truetype/farsiweb/nazli.ttf';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const RTL = /[\u0600-\u06ff]/;

/**
 * A fax page as a real fax machine sends it: 1728 px wide, 204 x 196 dpi (fine) or, with
 * `normal`, 204 x 98 dpi (every other scan line, pixels twice as tall as wide), bilevel, CCITT
 * Group 4 TIFF. Lines are rendered by pango through sharp (HarfBuzz shaping and FriBidi, so
 * Persian is joined and right-to-left); right-to-left lines are right-aligned.
 */
export async function faxPage(
  lines: readonly FaxLine[],
  height = 2200,
  opts: { normal?: boolean } = {},
): Promise<Buffer> {
  const width = 1728;
  const parts: OverlayOptions[] = [];
  let y = 24;
  for (const [i, l] of lines.entries()) {
    const { data, info } = await sharp({
      text: { text: esc(l.text), font: `${l.font} ${l.pt}`, ...(l.fontfile ? { fontfile: l.fontfile } : {}), dpi: 204 },
    })
      .negate({ alpha: false })
      .png()
      .toBuffer({ resolveWithObject: true });
    parts.push({ input: data, top: y, left: RTL.test(l.text) ? width - 90 - info.width : 90, blend: 'multiply' });
    y += info.height + (i === 0 ? 70 : 44);
  }
  const page = await sharp({ create: { width, height, channels: 3, background: '#fff' } })
    .composite(parts)
    .png()
    .toBuffer();
  const scanned = opts.normal
    ? await sharp(page)
        .resize({ width, height: Math.round(height / 2), fit: 'fill', kernel: 'nearest' })
        .png()
        .toBuffer()
    : page;
  return sharp(scanned)
    .flatten({ background: '#fff' })
    .removeAlpha()
    .greyscale()
    .threshold(128)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: (opts.normal ? 98 : 196) / 25.4 })
    .toBuffer();
}

/** Levenshtein distance over code points. */
function distance(a: string[], b: string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        (prev[j] as number) + 1,
        (cur[j - 1] as number) + 1,
        (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length] as number;
}

/** Character error rate of `got` against `reference`: edit distance over the reference's length (whitespace collapsed). */
export function characterErrorRate(reference: string, got: string): number {
  const norm = (s: string) => [...s.replace(/\s+/g, ' ').trim()];
  const ref = norm(reference);
  return ref.length ? distance(ref, norm(got)) / ref.length : 0;
}
