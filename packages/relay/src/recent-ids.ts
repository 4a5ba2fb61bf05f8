/**
 * Ids seen in the last `windowMs` to `2 × windowMs`: two generations of sets, the older dropped as
 * a whole when the newer one has aged a window, so memory is bounded by the rate, not by a sweep.
 */
export class RecentIds {
  #current = new Set<string>();
  #previous = new Set<string>();
  #since: number;

  constructor(
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.#since = clock();
  }

  /** Remembers `id` for at least one window. */
  add(id: string): void {
    this.#rotate();
    this.#current.add(id);
  }

  /** True when `id` was added within the last window (possibly up to two). */
  has(id: string): boolean {
    this.#rotate();
    return this.#current.has(id) || this.#previous.has(id);
  }

  #rotate(): void {
    const now = this.clock();
    if (now - this.#since < this.windowMs) return;
    // After two windows of silence both generations are stale.
    this.#previous = now - this.#since < 2 * this.windowMs ? this.#current : new Set();
    this.#current = new Set();
    this.#since = now;
  }
}
