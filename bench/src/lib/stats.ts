/** Latency histograms and result printing shared by all scenarios. */
import { loadavg } from 'node:os';

const FINE_BINS = 100_000; // 10 µs bins up to 1 s: sub-millisecond percentiles stay exact enough.
const COARSE_BINS = 120_000; // then 1 ms bins up to ~121 s; anything slower lands in the last bin.

/** Fixed-size latency histogram: constant memory however many samples, and mergeable across workers. */
export class Histogram {
  readonly bins: Uint32Array;
  count = 0;
  max = 0;
  sum = 0;

  constructor(bins?: Uint32Array) {
    this.bins = bins ?? new Uint32Array(FINE_BINS + COARSE_BINS);
  }

  /** Adds one sample in milliseconds. */
  record(ms: number): void {
    const v = Math.max(ms, 0);
    const bin =
      v < 1000 ? Math.floor(v * 100) : Math.min(FINE_BINS + Math.floor(v - 1000), FINE_BINS + COARSE_BINS - 1);
    this.bins[bin] = (this.bins[bin] ?? 0) + 1;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  /** Adds another histogram's samples (e.g. one per worker thread). */
  merge(other: { bins: Uint32Array; count: number; max: number; sum: number }): void {
    for (let i = 0; i < this.bins.length; i++) this.bins[i] = (this.bins[i] ?? 0) + (other.bins[i] ?? 0);
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
  }

  /** Value (ms) at percentile p in [0, 100], reported as the upper edge of its bin. */
  percentile(p: number): number {
    if (this.count === 0) return NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < this.bins.length; i++) {
      seen += this.bins[i] ?? 0;
      if (seen >= rank) return Math.min(this.max, i < FINE_BINS ? (i + 1) / 100 : 1000 + (i - FINE_BINS + 1));
    }
    return this.max;
  }

  /** The usual summary, rounded for display. */
  summary(): { n: number; p50: number; p90: number; p99: number; max: number; mean: number } {
    return {
      n: this.count,
      p50: round(this.percentile(50)),
      p90: round(this.percentile(90)),
      p99: round(this.percentile(99)),
      max: round(this.max),
      mean: round(this.count === 0 ? NaN : this.sum / this.count),
    };
  }
}

/** Rounds to 2 decimals (figures are read by humans). */
export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Counts strings (e.g. OK false reasons) for a compact report. */
export class Counter {
  readonly counts = new Map<string, number>();
  add(key: string, by = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + by);
  }
  toObject(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort((a, b) => b[1] - a[1]));
  }
}

/** Prints a two-column table and then one `RESULT {json}` line that scripts can grep. */
export function report(scenario: string, rows: [string, unknown][], json: Record<string, unknown>): void {
  // Shared machines skew figures; the load average says how much the run had to share.
  const load = loadavg().map((n) => round(n, 1));
  rows = [...rows, ['machine load avg 1/5/15 min', load.join(' / ')]];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`\n== ${scenario} ==`);
  for (const [key, value] of rows) {
    const text = typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
    console.log(`  ${key.padEnd(width)}  ${text}`);
  }
  console.log(`RESULT ${JSON.stringify({ scenario, date: new Date().toISOString(), ...json, loadAverage: load })}`);
}
