/**
 * Recognizes a file type from its first bytes (magic numbers). The client's Content-Type is never
 * trusted: what decides how bytes are handled is what they are.
 */
export function sniffType(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (bytes.length >= 6 && (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a')) return 'image/gif';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (bytes.length >= 12 && ascii(4, 8) === 'ftyp') return isoBrandType(bytes);
  if (bytes.length >= 5 && ascii(0, 5) === '%PDF-') return 'application/pdf';
  if (bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3)
    return 'video/webm';
  if (bytes.length >= 4 && (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*')) return 'image/tiff';
  if (bytes.length >= 2 && ascii(0, 2) === 'BM') return 'image/bmp';
  return undefined;
}

/** ISO base media files (MP4, MOV, HEIF, AVIF) name their family in the `ftyp` box's brands. */
function isoBrandType(bytes: Uint8Array): string {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxSize = Math.min(view.readUInt32BE(0), view.length, 64);
  const brands: string[] = [view.toString('latin1', 8, 12)];
  for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(view.toString('latin1', at, at + 4));
  if (brands.includes('avif') || brands.includes('avis')) return 'image/avif';
  if (brands.some((b) => ['heic', 'heix', 'heim', 'heis', 'mif1', 'msf1'].includes(b))) return 'image/heic';
  if (brands[0] === 'qt  ') return 'video/quicktime';
  return 'video/mp4';
}
