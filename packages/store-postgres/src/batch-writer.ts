import type { Sql, TransactionSql } from 'postgres';
import { appendFeed, type FeedEntry } from './feed.js';
import { applyOps, type WriteOp } from './writes.js';

/**
 * PostgreSQL aborts one of two transactions that wait on each other (40P01, deadlock) or that a
 * serializable snapshot cannot order (40001); the aborted one changed nothing and succeeds when
 * run again. Two node processes saving overlapping events in different orders meet this.
 */
const RETRYABLE = new Set(['40P01', '40001']);
const RETRIES = 5;

/** Runs `work` in a transaction, again (after a short random pause) when PostgreSQL aborted it as retryable. */
async function transaction<T>(sql: Sql, work: (tx: TransactionSql) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return (await sql.begin(work)) as T;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= RETRIES || typeof code !== 'string' || !RETRYABLE.has(code)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * (attempt + 1)));
    }
  }
}

interface Waiting {
  op: WriteOp;
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

/**
 * The write queue: every op queued in one turn of the event loop (or until `maxBatch` events
 * wait) goes out as ONE transaction, its statements pipelined on one connection, and only one
 * batch is in flight, so under load each COMMIT (one WAL flush) covers more events. Promises
 * settle after COMMIT: an acknowledged write is durable. If any op fails the batch rolls back and
 * each op is replayed in a transaction of its own, so only the bad op fails.
 */
export class BatchWriter {
  #queue: Waiting[] = [];
  #weight = 0;
  #scheduled = false;
  #running: Promise<void> | undefined;

  constructor(
    private readonly sql: Sql,
    private readonly maxBatch: number,
    /** This store's name in the live feed (feed.ts). */
    private readonly origin: string,
    /** Runs after each COMMIT, before the batch's promises settle (read-replica.ts). */
    private readonly afterCommit: () => Promise<void> = async () => {},
  ) {}

  /** Applies `ops` and appends what they committed to the live feed, in one transaction. */
  async #apply(ops: readonly WriteOp[]): Promise<unknown[]> {
    const results = await transaction(this.sql, async (tx) => {
      const feed: FeedEntry[] = [];
      const results = await applyOps(tx, ops, feed);
      await appendFeed(tx, this.origin, feed);
      return results;
    });
    await this.afterCommit();
    return results;
  }

  /** Queues one op; `weight` counts events toward the early-flush cap. */
  enqueue<T>(op: WriteOp, weight: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ op, resolve: resolve as (value: never) => void, reject });
      this.#weight += weight;
      if (this.#weight >= this.maxBatch) this.#flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flush());
      }
    });
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#queue.length === 0 || this.#running) return;
    const batch = this.#queue;
    this.#queue = [];
    this.#weight = 0;
    this.#running = this.#commit(batch).finally(() => {
      this.#running = undefined;
      this.#flush();
    });
  }

  async #commit(batch: Waiting[]): Promise<void> {
    try {
      const results = await this.#apply(batch.map((w) => w.op));
      for (const [i, w] of batch.entries()) w.resolve(results[i] as never);
      return;
    } catch {
      // Fall through: find the op that failed.
    }
    for (const w of batch) {
      try {
        w.resolve((await this.#apply([w.op]))[0] as never);
      } catch (error) {
        w.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }

  /** Commits everything queued and waits for it. */
  async drain(): Promise<void> {
    this.#flush();
    while (this.#running || this.#queue.length > 0) {
      await this.#running;
      this.#flush();
    }
  }
}
