/**
 * Re-encodes an image in the browser so EXIF, GPS, XMP and comments never leave the device: the
 * pixels are drawn to a canvas and exported fresh (a canvas carries no metadata). The node strips
 * again on upload; this is the first line, on the user's own machine.
 */

/**
 * Longest side kept: larger photos are scaled down (smaller uploads on bad connections, and below the
 * node's pixel limit).
 */
const MAX_SIDE = 4096;

/** Why an image could not be prepared; `message` is shown to the user. */
class StripError extends Error {}

/**
 * The type the clean copy is written as: PNG and WebP keep their format (transparency), everything
 * else becomes JPEG.
 */
function outputType(inputType: string): 'image/png' | 'image/webp' | 'image/jpeg' {
  return inputType === 'image/png' || inputType === 'image/webp' ? inputType : 'image/jpeg';
}

/** Width and height after fitting the longest side into `max`, keeping the aspect ratio. */
function fitSize(width: number, height: number, max = MAX_SIDE): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A clean copy of an image and its size in pixels. */
export interface CleanImage {
  blob: Blob;
  width: number;
  height: number;
}

/**
 * Decodes `file` and returns a fresh encoding of its pixels only. Throws StripError for anything that
 * is not a decodable image.
 */
export async function stripImage(file: Blob): Promise<Blob> {
  return (await cleanImage(file)).blob;
}

/** Like stripImage, with the clean copy's width and height (for NIP-92 `dim`). */
export async function cleanImage(file: Blob): Promise<CleanImage> {
  let bitmap: ImageBitmap;
  try {
    // imageOrientation: 'from-image' applies the EXIF rotation before the tag is dropped.
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new StripError('This file is not an image this browser can read (JPEG, PNG or WebP).');
  }
  const { width, height } = fitSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const type = outputType(file.type);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, type, 0.9));
  if (!blob) throw new StripError('The image could not be re-encoded.');
  return { blob, width, height };
}
