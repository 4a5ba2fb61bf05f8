/** Timer functions, injectable so tests control time. */
export interface TimerFns {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real timers of the platform. */
const realTimers: TimerFns = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** An idle lock: calls onLock after `minutes` without touch(). */
export interface IdleLock {
  /** Records activity and restarts the countdown. */
  touch(): void;
  /** Stops counting (e.g. once locked); touch() starts it again. */
  stop(): void;
}

/** Starts an idle lock that calls `onLock` (typically vault.lock) after `minutes` of no activity. */
export function createIdleLock(opts: { minutes: number; onLock: () => void; timers?: TimerFns }): IdleLock {
  if (!(opts.minutes > 0)) throw new RangeError('idle lock minutes must be positive');
  const timers = opts.timers ?? realTimers;
  let handle: unknown;
  const stop = (): void => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = undefined;
  };
  const touch = (): void => {
    stop();
    handle = timers.setTimeout(() => {
      handle = undefined;
      opts.onLock();
    }, opts.minutes * 60_000);
  };
  touch();
  return { touch, stop };
}
