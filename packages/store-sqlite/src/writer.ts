import { Worker } from 'node:worker_threads';
import type { WriteEngine, WriteOp, WriteResult } from './write-engine.js';
import type { WriterReady, WriterRequest } from './writer-thread.js';
import { IdFilter } from './id-filter.js';

interface Waiter {
  resolve: (value: never) => void;
  reject: (error: Error) => void;
}

/** Where batches go: the writer thread, or an engine on this thread (for ':memory:'). */
interface Sink {
  send(ops: WriteOp[]): Promise<WriteResult[]>;
  close(): Promise<void>;
}

/**
 * The single writer's queue: every mutation is queued and the queue goes out as ONE batch on the
 * next turn of the event loop (or as soon as `maxBatch` events wait), one batch at a time. Promises settle only after
 * the batch's COMMIT, so an acknowledged write is durable.
 */
export class BatchWriter {
  #ops: WriteOp[] = [];
  #waiters: Waiter[] = [];
  #weight = 0;
  #scheduled = false;
  #inFlight = new Set<Promise<void>>();
  #busy = false;

  private constructor(
    private readonly sink: Sink,
    private readonly maxBatch: number,
  ) {}

  /**
   * A writer whose batches run in a dedicated thread with its own connection to `path`, and the id
   * filter that thread keeps.
   */
  static async threaded(
    path: string,
    synchronous: 'FULL' | 'NORMAL',
    maxBatch: number,
  ): Promise<{ writer: BatchWriter; ids: IdFilter }> {
    const worker = new Worker(new URL('./writer-thread.js', import.meta.url), { workerData: { path, synchronous } });
    const pending = new Map<number, (r: WriteResult[]) => void>();
    let failure: Error | undefined;
    let seq = 0;
    let onClosed: (() => void) | undefined;
    const ready = await new Promise<WriterReady>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('message', (m: WriterReady) => {
        worker.off('error', reject);
        resolve(m);
      });
    });
    const fail = (error: Error) => {
      failure ??= error;
      for (const settle of pending.values()) settle([]);
      pending.clear();
      onClosed?.();
    };
    worker.on('message', (m: { seq?: number; results?: WriteResult[]; closed?: true }) => {
      if (m.closed) return onClosed?.();
      const settle = pending.get(m.seq!);
      pending.delete(m.seq!);
      settle?.(m.results!);
    });
    worker.on('error', (e) => fail(new Error(`store writer crashed: ${e.message}`)));
    worker.on('exit', () => fail(new Error('store writer stopped')));
    const sink: Sink = {
      send(ops) {
        if (failure) return Promise.reject(failure);
        const id = ++seq;
        return new Promise((resolve, reject) => {
          pending.set(id, (results) => (results.length === ops.length ? resolve(results) : reject(failure)));
          worker.postMessage({ seq: id, ops } satisfies WriterRequest);
        });
      },
      close: () =>
        failure
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              onClosed = resolve;
              worker.postMessage({ close: true } satisfies WriterRequest);
            }),
    };
    return { writer: new BatchWriter(sink, maxBatch), ids: IdFilter.attach(ready.ids) };
  }

  /** A writer that runs batches on this thread (an in-memory database cannot be shared). */
  static inline(engine: WriteEngine, maxBatch: number): BatchWriter {
    return new BatchWriter({ send: async (ops) => engine.run(ops), close: async () => {} }, maxBatch);
  }

  /** Queues one op; `weight` counts events toward the early-flush cap. */
  enqueue<T>(op: WriteOp, weight: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#ops.push(op);
      this.#waiters.push({ resolve: resolve as (value: never) => void, reject });
      this.#weight += weight;
      if (this.#weight >= this.maxBatch) this.flush();
      else if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /**
   * Sends everything queued so far as one batch — unless a batch is still committing: then the
   * queue keeps growing and goes out when that one returns (group commit), so under load each
   * fsync covers more events instead of the writer falling behind with many small transactions.
   */
  flush(): void {
    this.#scheduled = false;
    if (this.#ops.length === 0 || this.#busy) return;
    const ops = this.#ops;
    const waiters = this.#waiters;
    this.#ops = [];
    this.#waiters = [];
    this.#weight = 0;
    this.#busy = true;
    const done: Promise<void> = this.sink
      .send(ops)
      .then(
        (results) =>
          results.forEach((r, i) => {
            if (r.ok) waiters[i]!.resolve(r.value as never);
            else waiters[i]!.reject(new Error(r.error));
          }),
        (error: Error) => {
          for (const w of waiters) w.reject(error);
        },
      )
      .finally(() => {
        this.#busy = false;
        this.#inFlight.delete(done);
        this.flush();
      });
    this.#inFlight.add(done);
  }

  /** Commits what is queued, waits for every batch, and stops the writer. */
  async close(): Promise<void> {
    this.flush();
    while (this.#inFlight.size > 0 || this.#ops.length > 0) {
      await Promise.allSettled([...this.#inFlight]);
      this.flush();
    }
    await this.sink.close();
  }
}
