/** Where progress is drawn: a writable that may be a terminal. */
export interface ProgressStream {
  isTTY?: boolean;
  write(chunk: string): boolean;
}

/** One line of progress text: count, optional total and percentage, and rate. */
export function formatProgress(label: string, done: number, elapsedMs: number, total?: number): string {
  const rate = elapsedMs > 0 ? Math.round((done * 1000) / elapsedMs) : 0;
  const count = total ? `${fmt(done)}/${fmt(total)} (${Math.floor((done * 100) / total)}%)` : fmt(done);
  return `${label} ${count}  ${fmt(rate)}/s`;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** A progress line redrawn in place on a terminal, at most every `intervalMs`; silent elsewhere. */
export class Progress {
  private done = 0;
  private lastDraw = 0;
  private readonly start: number;

  constructor(
    private readonly stream: ProgressStream,
    private readonly label: string,
    private readonly options: { total?: number; intervalMs?: number; clock?: () => number } = {},
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
    this.stream.write(`\r${formatProgress(this.label, this.done, now - this.start, this.options.total)}\x1b[K`);
  }

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }
}
