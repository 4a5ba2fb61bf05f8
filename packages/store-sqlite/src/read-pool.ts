import type { ReadStats } from '@lifeline/store';
import { FairQueue } from './fair-queue.js';
import type { ReadAnswers, ReadJob } from './read-jobs.js';
import { Cancelled } from './reader.js';

/** Where read jobs run, one at a time: a reader thread, or this thread (read-lanes.ts). */
export interface ReadLane {
  /** Runs one job; rejects with `Cancelled` after `cancel`, or an Error when the job or the lane failed. */
  run(job: ReadJob): Promise<unknown>;
  /** Asks the running job to stop at its next check. */
  cancel(): void;
  /** Releases the lane; the pool calls it only when the lane is idle. */
  close(): Promise<void>;
}

/** Makes a lane; it calls `onDeath` if it dies on its own (its running job has then failed). */
export type SpawnLane = (onDeath: (lane: ReadLane) => void) => ReadLane;

interface Task {
  job: ReadJob;
  owner: object;
  signal: AbortSignal | undefined;
  onAbort: () => void;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  lane?: ReadLane;
  settled: boolean;
}

/**
 * The reads' scheduler: jobs wait in a queue that takes turns between owners (fair-queue.ts) and
 * run on `size` lanes. A lane that dies fails only its running job; the next dispatch spawns a
 * fresh one (not the death itself, so a thread that cannot start is not restarted in a loop). Each job
 * is a bounded slice of work (collect one
 * query's keys, or read one chunk), so every caller is served between another's slices.
 */
export class ReadPool {
  readonly #queue = new FairQueue<Task>();
  readonly #lanes = new Set<ReadLane>();
  readonly #idle: ReadLane[] = [];
  readonly #running = new Set<Task>();
  #started = 0;
  #closed = false;
  #drained: (() => void) | undefined;

  constructor(
    private readonly size: number,
    private readonly spawn: SpawnLane,
    /** Whether lanes are threads (for `stats`). */
    private readonly threaded: boolean,
  ) {
    // Started now, so the first reads do not wait for a thread to boot (tens of ms, more under load).
    for (let i = 0; i < size; i++) this.#idle.push(this.#spawn());
  }

  /** Queues a job for `owner`; aborting `signal` rejects with its reason and stops the work. */
  run<T extends ReadJob['type']>(
    job: ReadJob & { type: T },
    owner: object,
    signal?: AbortSignal,
  ): Promise<ReadAnswers[T]> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const task: Task = { job, owner, signal, onAbort: () => this.#abort(task), resolve, reject, settled: false };
      signal?.addEventListener('abort', task.onAbort, { once: true });
      this.#queue.push(owner, task);
      this.#dispatch();
    });
  }

  /** Current load, overall or for one owner: jobs are the units counted. */
  stats(owner?: object): ReadStats {
    let running = 0;
    for (const task of this.#running) if (owner === undefined || task.owner === owner) running++;
    const threads = this.threaded ? this.#lanes.size : 0;
    return { threads, queued: this.#queue.size(owner), running, started: this.#started };
  }

  /** Rejects queued jobs, waits for running ones, then closes every lane. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const task of this.#queue.drain()) this.#settle(task, () => task.reject(new Error('store is closed')));
    if (this.#running.size > 0) await new Promise<void>((resolve) => (this.#drained = resolve));
    await Promise.all([...this.#lanes].map((lane) => lane.close()));
    this.#lanes.clear();
    this.#idle.length = 0;
  }

  #abort(task: Task): void {
    // A queued job never reaches a lane; a running one is told to stop at its next check.
    if (task.lane === undefined) this.#queue.remove(task.owner, task);
    else task.lane.cancel();
    this.#settle(task, () => task.reject(task.signal!.reason));
  }

  #settle(task: Task, settle: () => void): void {
    if (task.settled) return;
    task.settled = true;
    task.signal?.removeEventListener('abort', task.onAbort);
    settle();
  }

  #dispatch(): void {
    while (this.#queue.size() > 0) {
      const lane = this.#idle.pop() ?? (this.#lanes.size < this.size && !this.#closed ? this.#spawn() : undefined);
      if (lane === undefined) break;
      this.#start(lane, this.#queue.shift()!);
    }
    if (this.#running.size === 0) this.#drained?.();
  }

  #spawn(): ReadLane {
    const lane = this.spawn((dead) => {
      this.#lanes.delete(dead);
      const at = this.#idle.indexOf(dead);
      if (at >= 0) this.#idle.splice(at, 1);
    });
    this.#lanes.add(lane);
    return lane;
  }

  #start(lane: ReadLane, task: Task): void {
    task.lane = lane;
    this.#running.add(task);
    this.#started++;
    lane
      .run(task.job)
      .then(
        (value) => this.#settle(task, () => task.resolve(value as never)),
        (error) =>
          this.#settle(task, () => task.reject(error instanceof Cancelled ? (task.signal?.reason ?? error) : error)),
      )
      .finally(() => {
        this.#running.delete(task);
        if (this.#lanes.has(lane)) this.#idle.push(lane);
        this.#dispatch();
      });
  }
}
