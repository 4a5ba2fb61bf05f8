import sharp from 'sharp';

type Sharp = ReturnType<typeof sharp>;

// libvips' operation cache only helps when the same file is processed twice, which uploads never
// are; without it no decoded original (metadata and all) lingers in memory after a request.
sharp.cache(false);

/** Limits for re-encoding untrusted images. */
export interface StripOptions {
  /** Largest width x height (x frames) decoded; stops decompression bombs before they allocate. */
  maxPixels: number;
}

/** Outcome of stripImage: clean bytes, or why the image could not be decoded. */
export type StripResult = { ok: true; bytes: Buffer; width: number; height: number } | { ok: false; reason: string };

/**
 * Decodes an image and encodes its pixels again in the same format with no metadata at all: no
 * EXIF (so no GPS, camera serial or time zone), no XMP, no IPTC, no comments, no ICC profile
 * (pixels are converted to sRGB). EXIF orientation is applied to the pixels first so photos stay
 * upright. We never call withMetadata/keepExif/keepXmp/keepIccProfile: sharp's default output
 * carries nothing but pixels.
 */
export async function stripImage(input: Buffer, type: string, options: StripOptions): Promise<StripResult> {
  try {
    // failOn 'warning' is sharp's strictest level, the one it recommends for untrusted input.
    const image = sharp(input, {
      animated: true,
      autoOrient: true,
      limitInputPixels: options.maxPixels,
      failOn: 'warning',
    });
    const { data, info } = await encoder(image, type).toBuffer({ resolveWithObject: true });
    return { ok: true, bytes: data, width: info.width, height: info.pageHeight ?? info.height };
  } catch (err) {
    return { ok: false, reason: describe((err as Error).message) };
  }
}

function encoder(image: Sharp, type: string): Sharp {
  switch (type) {
    case 'image/jpeg':
      return image.jpeg({ quality: 88, mozjpeg: true });
    case 'image/png':
      // Lossless: no palette option (quality, effort, colours or dither would quantize).
      return image.png({ compressionLevel: 9 });
    case 'image/webp':
      return image.webp({ quality: 88, effort: 4 });
    case 'image/gif':
      return image.gif();
    case 'image/avif':
      return image.avif({ quality: 60, effort: 3 });
    default:
      throw new Error(`cannot re-encode ${type}`);
  }
}

/** libvips messages run over several lines; the first one says what went wrong. */
function describe(message: string): string {
  const first = message.split('\n')[0]?.trim() ?? '';
  if (/pixel limit/i.test(first)) return 'image has too many pixels';
  return first ? `image could not be decoded: ${first}` : 'image could not be decoded';
}
