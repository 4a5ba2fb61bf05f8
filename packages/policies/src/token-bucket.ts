/**
 * A token bucket that refills lazily from elapsed time, so thousands of idle buckets cost no
 * timers: a bucket starts full, and each take() first adds `rate * elapsed` tokens, capped at burst.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /** `rate` tokens per second, at most `burst` stored; `nowMs` is when the bucket starts full. */
  constructor(
    readonly rate: number,
    readonly burst: number,
    nowMs: number = Date.now(),
  ) {
    this.tokens = burst;
    this.last = nowMs;
  }

  /** Takes `n` tokens if available (true), otherwise takes nothing (false). */
  take(n = 1, nowMs: number = Date.now()): boolean {
    this.refill(nowMs);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  /** Takes `n` tokens even if that leaves the bucket short (spent elsewhere); never below zero. */
  spend(n = 1, nowMs: number = Date.now()): void {
    this.refill(nowMs);
    this.tokens = Math.max(0, this.tokens - n);
  }

  /** Tokens available at `nowMs`, for diagnostics and tests. */
  available(nowMs: number = Date.now()): number {
    this.refill(nowMs);
    return this.tokens;
  }

  private refill(nowMs: number): void {
    // A clock that steps backwards must not mint tokens or push `last` into the future.
    const elapsed = Math.max(0, nowMs - this.last) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.rate);
    this.last = Math.max(this.last, nowMs);
  }
}
