/** Something with frames queued for its next socket write. */
export interface Flushable {
  flush(): void;
}

/** Connections written per macrotask; between slices the event loop reads sockets and worker answers. */
const SLICE = 64;

/**
 * Writes queued frames in rounds, one per relay. `round` is being written a slice at a time;
 * `next` collects connections that got their first frame since their last write. With a thousand
 * busy clients a whole round takes tens of milliseconds of socket writes; done in one go it would
 * hold up every event read or verified meanwhile, so it is cut into slices and the loop polls in
 * between.
 */
export class WriteScheduler {
  #round: Flushable[] = [];
  #at = 0;
  #next: Flushable[] = [];
  #scheduled = false;

  /** Queues `conn` for the next round; call once per connection per round (on its first frame). */
  queue(conn: Flushable): void {
    this.#next.push(conn);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#slice());
  }

  #slice(): void {
    this.#scheduled = false;
    if (this.#at >= this.#round.length) {
      this.#round = this.#next;
      this.#next = [];
      this.#at = 0;
    }
    const end = Math.min(this.#round.length, this.#at + SLICE);
    while (this.#at < end) this.#round[this.#at++]!.flush();
    if (this.#at < this.#round.length || this.#next.length > 0) this.#schedule();
    else {
      // A written round is let go: it would otherwise keep its connections, closed ones included,
      // alive until the next write (seen in a heap snapshot of a quiet node after an attack).
      this.#round = [];
      this.#at = 0;
    }
  }
}
