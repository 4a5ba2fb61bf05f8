/** One TIFF page's resolution, in pixels per inch (0 when the file does not say). */
export interface PageResolution {
  x: number;
  y: number;
}

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1, 9: 4, 10: 8, 11: 4, 12: 8 };

/**
 * Each page's XResolution/YResolution (tags 282/283, RATIONAL; ResolutionUnit 296: 2 inch,
 * 3 centimetre) read from a TIFF's IFD chain. libvips keeps only the horizontal density, but a
 * fax at normal resolution is 204 x 98 dpi: its pixels are twice as tall as wide, and the page
 * must be stretched before OCR and display. At most `maxPages` pages are read; a damaged chain
 * ends the list rather than throwing.
 */
export function tiffResolutions(bytes: Buffer, maxPages = 1000): PageResolution[] {
  if (bytes.length < 8) return [];
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return [];
  const le = order === 'II';
  const u16 = (at: number) => (le ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number) => (le ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  if (u16(2) !== 42) return [];
  const pages: PageResolution[] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd && ifd + 2 <= bytes.length && !seen.has(ifd) && pages.length < maxPages) {
    seen.add(ifd);
    const count = u16(ifd);
    if (ifd + 2 + count * 12 + 4 > bytes.length) break;
    let x = 0;
    let y = 0;
    let unit = 2;
    for (let i = 0; i < count; i++) {
      const e = ifd + 2 + i * 12;
      const tag = u16(e);
      const type = u16(e + 2);
      if ((tag === 282 || tag === 283) && type === 5) {
        const at = u32(e + 8);
        if (at + 8 > bytes.length) continue;
        const den = u32(at + 4);
        const v = den ? u32(at) / den : 0;
        if (tag === 282) x = v;
        else y = v;
      } else if (tag === 296 && (TYPE_SIZE[type] ?? 0) <= 4) unit = u16(e + 8);
    }
    const toInch = unit === 3 ? 2.54 : 1;
    pages.push({ x: x * toInch, y: y * toInch });
    ifd = u32(ifd + 2 + count * 12);
  }
  return pages;
}

/** The height a page must have for square pixels, or its own when it already has them (or says nothing). */
export function squareHeight(height: number, res: PageResolution | undefined): number {
  if (!res?.x || !res.y) return height;
  const ratio = res.x / res.y;
  // Fine (204 x 196) and square scans are left alone; normal (204 x 98) doubles.
  return ratio > 1.25 ? Math.round(height * ratio) : height;
}
