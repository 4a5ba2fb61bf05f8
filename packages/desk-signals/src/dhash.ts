/*
 * dHash (difference hash) of an image: shrink to 9x8 greyscale, then one bit per pixel for
 * "brighter than its right neighbour", 64 bits. Re-encoding, resizing and mild recompression keep
 * almost every bit; a different picture flips about half. Two avatars are "the same picture" at a
 * Hamming distance of at most AVATAR_HAMMING (10 of 64 bits): re-encoded/resized copies measured
 * 0-4 in the tests, unrelated images 20-40.
 */

/** Width and height of the greyscale thumbnail dHash reads (the caller resizes to it). */
export const DHASH_WIDTH = 9;
export const DHASH_HEIGHT = 8;

/** Hamming distance at or below which two avatar hashes count as the same picture. */
export const AVATAR_HAMMING = 10;

/** The 64-bit dHash, as 16 hex digits, of a 9x8 greyscale thumbnail (one byte per pixel, row-major). */
export function dhash(grey: Uint8Array): string {
  if (grey.length !== DHASH_WIDTH * DHASH_HEIGHT) throw new Error(`dhash needs ${DHASH_WIDTH}x${DHASH_HEIGHT} pixels`);
  let hex = '';
  let nibble = 0;
  let bits = 0;
  for (let y = 0; y < DHASH_HEIGHT; y++) {
    for (let x = 0; x < DHASH_WIDTH - 1; x++) {
      const i = y * DHASH_WIDTH + x;
      nibble = (nibble << 1) | (grey[i]! > grey[i + 1]! ? 1 : 0);
      if (++bits === 4) {
        hex += nibble.toString(16);
        nibble = 0;
        bits = 0;
      }
    }
  }
  return hex;
}

/** Number of differing bits between two 16-hex-digit hashes. */
export function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i++) {
    let v = Number.parseInt(a[i]!, 16) ^ Number.parseInt(b[i]!, 16);
    while (v) {
      d += v & 1;
      v >>= 1;
    }
  }
  return d;
}
