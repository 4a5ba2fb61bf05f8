import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { nostrAuthorization, signed, type TestKeys } from '@lifeline/testkit';

/** Lowercase hex sha256. */
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Options for a test BUD-11 token; defaults make a valid one. */
export interface TokenOptions {
  x?: string[];
  expiresIn?: number;
  createdAt?: number;
  server?: string[];
  kind?: number;
}

/** A signed kind 24242 token for `verb`, as an Authorization header value. */
export function authHeader(who: TestKeys, verb: string, opts: TokenOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const tags = [
    ['t', verb],
    ['expiration', String(now + (opts.expiresIn ?? 300))],
  ];
  for (const x of opts.x ?? []) tags.push(['x', x]);
  for (const s of opts.server ?? []) tags.push(['server', s]);
  return nostrAuthorization(
    signed(who, { kind: opts.kind ?? 24242, created_at: opts.createdAt ?? now, tags, content: `${verb} blob` }),
  );
}

/** PUT /upload of `bytes` signed by `who` (x = their sha256 unless given). */
export function upload(
  httpUrl: string,
  bytes: Uint8Array,
  who?: TestKeys,
  opts: TokenOptions & { path?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream', ...opts.headers };
  if (who)
    headers.authorization = authHeader(who, opts.path === '/media' ? 'media' : 'upload', {
      x: [sha256(bytes)],
      ...opts,
    });
  return fetch(`${httpUrl}${opts.path ?? '/upload'}`, { method: 'PUT', body: bytes, headers });
}

/** The BUD-02 descriptor fields. */
export interface Descriptor {
  url: string;
  sha256: string;
  size: number;
  type: string;
  uploaded: number;
}

/** Coordinates written into the fixtures' GPS tags: central Tehran. */
export const GPS = { latitude: 35.6892, longitude: 51.389 };
export const XMP_NS = 'http://ns.adobe.com/xap/1.0/';
export const COMMENT = 'shot from the rooftop on Azadi street';

const xmpPacket = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="${XMP_NS}" xmp:CreatorTool="WitnessCam 1.0"/></rdf:RDF></x:xmpmeta>`;
const dms = (deg: number) => {
  const d = Math.floor(deg);
  const m = Math.floor((deg - d) * 60);
  const s = Math.round(((deg - d) * 60 - m) * 60 * 100);
  return `${d}/1 ${m}/1 ${s}/100`;
};
const exif = {
  IFD0: { Make: 'WitnessPhone', Model: 'X1', Software: 'WitnessCam 1.0' },
  IFD2: { DateTimeOriginal: '2009:06:20 18:30:00', OffsetTimeOriginal: '+04:30' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: dms(GPS.latitude), GPSLongitudeRef: 'E', GPSLongitude: dms(GPS.longitude) },
};

/** A gradient, so re-encoding has real pixels to work on. */
async function picture(width: number, height: number) {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set([x * 4, y * 4, 128], (y * width + x) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

/**
 * A JPEG as a phone might send it: EXIF with GPS latitude/longitude, camera and time zone, an XMP
 * packet, and a COM (comment) segment written by hand right after the SOI marker.
 */
export async function jpegWithGps(width = 64, height = 48): Promise<Buffer> {
  const jpeg = await (await picture(width, height)).jpeg({ quality: 90 }).withExif(exif).withXmp(xmpPacket).toBuffer();
  const text = Buffer.from(COMMENT, 'latin1');
  const com = Buffer.alloc(4);
  com.writeUInt16BE(0xfffe, 0);
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), com, text, jpeg.subarray(2)]);
}

/** A PNG with an eXIf chunk (GPS), a tEXt comment and an iTXt XMP packet, chunks added by hand. */
export async function pngWithText(width = 32, height = 24): Promise<Buffer> {
  const png = await (await picture(width, height)).png().withExif(exif).toBuffer();
  const chunk = (type: string, data: Buffer) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const text = chunk('tEXt', Buffer.from(`Comment\0${COMMENT}`, 'latin1'));
  const itxt = chunk(
    'iTXt',
    Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmpPacket)]),
  );
  const iend = png.length - 12;
  return Buffer.concat([png.subarray(0, iend), text, itxt, png.subarray(iend)]);
}

/** The markers of a JPEG's segments, in order, up to the start of scan. */
export function jpegSegments(jpeg: Buffer): Array<{ marker: number; data: Buffer }> {
  const out: Array<{ marker: number; data: Buffer }> = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    out.push({ marker, data: jpeg.subarray(at + 4, at + 2 + length) });
    if (marker === 0xda) break;
    at += 2 + length;
  }
  return out;
}

/** The chunk types of a PNG, in order. */
export function pngChunks(png: Buffer): string[] {
  const out: string[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    out.push(png.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return out;
}
