/** Where progress is drawn: a writable that may be a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

const numbers = new Intl.NumberFormat('en-US');

/** A count as the CLI prints every number: with thousands separators, the same in any locale. */
export const formatCount = (n: number): string => numbers.format(n);

/** A duration as much as a reader needs: `4 s`, `3 min 20 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${formatCount(Math.floor(m / 60))} h ${m % 60} min`;
}

/**
 * One line of progress: the count (of `total` when known), the share done, the rate and the time
 * left. `share` (0 to 1) is given when the total is counted in another unit, such as the bytes of
 * a file whose lines are counted.
 */
export function formatProgress(label: string, done: number, elapsedMs: number, total?: number, share?: number): string {
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  // Events stored during an export can take the count past its total.
  const part = share ?? (total ? Math.min(1, done / total) : undefined);
  const count = total ? `${formatCount(done)}/${formatCount(total)}` : formatCount(done);
  const percent = part === undefined ? '' : ` (${Math.floor(part * 100)}%)`;
  // The rest at the rate so far; nothing to say before the first item or after the last.
  const left =
    part !== undefined && part > 0 && part < 1 && elapsedMs > 0
      ? `  ${formatDuration((elapsedMs * (1 - part)) / part)} left`
      : '';
  return `${label} ${count}${percent}  ${formatCount(rate)}/s${left}`;
}

/** A progress line redrawn in place on a terminal, at most every `intervalMs`; silent elsewhere. */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly start: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly options: {
      total?: number;
      /** The share done (0 to 1) when the total is counted in another unit than the items. */
      share?: () => number;
      intervalMs?: number;
      clock?: () => number;
    } = {},
  ) {
    this.start = this.now();
  }

  /** Counts `n` more items and redraws if enough time passed. */
  tick(n = 1): void {
    this.done += n;
    const now = this.now();
    if (now - this.lastDraw >= (this.options.intervalMs ?? 100)) {
      this.lastDraw = now;
      this.draw(now);
    }
  }

  /** Draws the final figure and ends the line, so the summary starts on a fresh one. */
  finish(): void {
    if (!this.stream.isTTY) return;
    this.draw(this.now());
    this.stream.write('\n');
  }

  private draw(now: number): void {
    if (!this.stream.isTTY) return;
    // \r returns to column 0 and \x1b[K clears what a longer previous line left behind.
    const { total, share } = this.options;
    this.stream.write(`\r${formatProgress(this.label, this.done, now - this.start, total, share?.())}\x1b[K`);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
