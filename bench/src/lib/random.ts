/** Samples ranks 0..n-1 with probability ∝ 1/(rank+1)^s: a few authors post most, like real networks. */
export function zipfSampler(n: number, s: number, rand: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += 1 / (i + 1) ** s;
    cumulative[i] = total;
  }
  return () => {
    const target = rand() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Picks `k` distinct values from 0..n-1 (k ≤ n) using `draw` until enough distinct ones are found. */
export function distinct(k: number, draw: () => number): number[] {
  const seen = new Set<number>();
  while (seen.size < k) seen.add(draw());
  return [...seen];
}
