import sharp from 'sharp';
import { DHASH_HEIGHT, DHASH_WIDTH, dhash } from '@lifeline/desk-signals';
import { type AvatarFetchLimits, fetchAvatar } from './avatar-fetch.js';

/*
 * Avatar URL -> 64-bit dHash, with a bounded cache (hits and failures both remembered, so a
 * broken or hostile URL is tried once per CACHE_MS) and at most two downloads-and-decodes at once.
 * Decoding goes through sharp with a pixel limit and its strictest failOn, like media uploads.
 */

const CACHE = 5000;
const CACHE_MS = 6 * 3600_000;
const MAX_PIXELS = 4096 * 4096;
const CONCURRENCY = 2;

/** The dHash of an image's pixels (any format sharp reads). */
export async function imageHash(bytes: Buffer): Promise<string> {
  const grey = await sharp(bytes, { limitInputPixels: MAX_PIXELS, failOn: 'warning', animated: false })
    .flatten({ background: '#ffffff' })
    .greyscale()
    .resize(DHASH_WIDTH, DHASH_HEIGHT, { fit: 'fill', kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  return dhash(new Uint8Array(grey.buffer, grey.byteOffset, grey.length));
}

/** Fetches and hashes avatars by URL; undefined when the image cannot be fetched or decoded. */
export function avatarHasher(limits: AvatarFetchLimits, onError?: (url: string, err: Error) => void) {
  const cache = new Map<string, { at: number; hash: Promise<string | undefined> }>();
  let running = 0;
  const waiting: Array<() => void> = [];
  const slot = async () => {
    if (running >= CONCURRENCY) await new Promise<void>((r) => waiting.push(r));
    running++;
  };
  const release = () => {
    running--;
    waiting.shift()?.();
  };
  return (url: string): Promise<string | undefined> => {
    const hit = cache.get(url);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.hash;
    const hash = (async () => {
      await slot();
      try {
        return await imageHash(await fetchAvatar(url, limits));
      } catch (err) {
        onError?.(url, err as Error);
        return undefined;
      } finally {
        release();
      }
    })();
    cache.delete(url);
    cache.set(url, { at: Date.now(), hash });
    if (cache.size > CACHE) cache.delete(cache.keys().next().value!);
    return hash;
  };
}
