// A small seeded RNG so every run with the same seed gives the same initialisation. The reference
// draws from PyTorch's generator, which we cannot reproduce; the seed only affects the first fit.

/** mulberry32: a 32-bit state generator returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Xavier-uniform initialisation of an (n × 1) embedding, as torch.nn.init.xavier_uniform_ does for
 * the reference's factor tables: fan_in 1, fan_out n, bound √(6 / (n + 1)).
 */
export function xavierColumn(n: number, rand: () => number): Float32Array {
  const bound = Math.sqrt(6 / (n + 1));
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (rand() * 2 - 1) * bound;
  return out;
}
