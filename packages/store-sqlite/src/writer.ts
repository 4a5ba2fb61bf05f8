import type Database from 'better-sqlite3';

interface Job {
  run: () => unknown;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
  /** Set when the job removed data, so the WAL is checkpointed and truncated afterwards. */
  removes: boolean;
}

/**
 * The single writer: every mutation is queued and the queue is committed as ONE transaction on
 * the next turn of the event loop (or as soon as `maxBatch` events are waiting). Each job runs in
 * its own savepoint, so a job that throws is rolled back alone and the rest of the batch commits.
 * Promises settle only after COMMIT, so an acknowledged write is durable.
 */
export class BatchWriter {
  #queue: Job[] = [];
  #weight = 0;
  #scheduled = false;
  readonly #db: Database.Database;
  readonly #maxBatch: number;

  constructor(db: Database.Database, maxBatch: number) {
    this.#db = db;
    this.#maxBatch = maxBatch;
  }

  /** Queues `run` (executed inside the batch transaction); `weight` counts events toward the cap. */
  enqueue<T>(run: () => T, weight: number, removes = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ run, resolve: resolve as (value: never) => void, reject, removes });
      this.#weight += weight;
      if (this.#weight >= this.#maxBatch) this.flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits everything queued so far, synchronously. */
  flush(): void {
    this.#scheduled = false;
    const jobs = this.#queue;
    if (jobs.length === 0) return;
    this.#queue = [];
    this.#weight = 0;
    const results: { ok: boolean; value: unknown }[] = [];
    try {
      this.#db.transaction(() => {
        for (const job of jobs) {
          // A nested better-sqlite3 transaction is a SAVEPOINT: a failure undoes this job only.
          try {
            results.push({ ok: true, value: this.#db.transaction(job.run)() });
          } catch (error) {
            results.push({ ok: false, value: error });
          }
        }
      })();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    if (jobs.some((j) => j.removes)) {
      // Old page images of removed events still sit in the WAL until it is checkpointed.
      try {
        this.#db.pragma('wal_checkpoint(TRUNCATE)');
      } catch {
        // Busy readers only delay the erasure to the next checkpoint; the commit already happened.
      }
    }
    jobs.forEach((job, i) => {
      const r = results[i]!;
      if (r.ok) job.resolve(r.value as never);
      else job.reject(r.value);
    });
  }
}
