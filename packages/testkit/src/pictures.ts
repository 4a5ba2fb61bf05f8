import { seededRandom } from './random.js';

/**
 * Raw RGB pixels of a blocky picture (8x8 blocks of seeded random colours): two seeds give two
 * unrelated pictures, and the blocks survive resizing and recompression, like a real avatar.
 */
export function blockyPixels(
  seed: number,
  size = 128,
): { data: Uint8Array; width: number; height: number; channels: 3 } {
  const rand = seededRandom(seed);
  const blocks = Array.from({ length: 64 }, () => [0, 1, 2].map(() => Math.floor(rand() * 256)));
  const data = new Uint8Array(size * size * 3);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const b = blocks[Math.floor((y * 8) / size) * 8 + Math.floor((x * 8) / size)]!;
      data.set(b, (y * size + x) * 3);
    }
  return { data, width: size, height: size, channels: 3 };
}
