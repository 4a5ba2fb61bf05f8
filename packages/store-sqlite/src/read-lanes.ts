import { Worker } from 'node:worker_threads';
import type { ReadLane, SpawnLane } from './read-pool.js';
import { runReadJob, type ReadJob } from './read-jobs.js';
import { Cancelled, type Reader } from './reader.js';
import type { ReaderReply, ReaderRequest } from './reader-thread.js';

/**
 * A lane on this thread (for ':memory:', which no other thread can open); each job waits for a turn of
 * the event loop.
 */
export function inlineLane(reader: Reader): SpawnLane {
  return () => {
    let cancelled = false;
    return {
      run: (job: ReadJob) =>
        new Promise((resolve, reject) => {
          cancelled = false;
          setImmediate(() => {
            try {
              resolve(runReadJob(reader, job, () => cancelled));
            } catch (error) {
              reject(error);
            }
          });
        }),
      cancel: () => void (cancelled = true),
      close: async () => {},
    };
  };
}

/**
 * A reader thread's young generation. Its garbage is short-lived (rows read, then packed into a
 * chunk), and V8 grows an idle thread's young generation under such a burst and never shrinks it:
 * by default each thread kept 4-8 MB more after twenty never-reading sockets, with this cap none.
 */
const YOUNG_MB = 4;

/**
 * Lanes that are reader threads, each with its own read-only connection to `path` and a heap of
 * at most `heapMb` (a read that would exhaust it kills its thread, not the node). A job is
 * cancelled through shared memory, which the thread polls before each filter and each fetched
 * row: a message would only be read after the job.
 */
export function readerThreads(path: string, heapMb: number): SpawnLane {
  return (onDeath) => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(new URL('./reader-thread.js', import.meta.url), {
      workerData: { path, cancel: flag.buffer },
      resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_MB },
    });
    let pending: { id: number; resolve: (value: unknown) => void; reject: (error: Error) => void } | undefined;
    let seq = 0;
    let crash: Error | undefined;
    let closing = false;
    const lane: ReadLane = {
      run: (job) =>
        new Promise((resolve, reject) => {
          pending = { id: ++seq, resolve, reject };
          worker.postMessage({ id: seq, job } satisfies ReaderRequest);
        }),
      cancel: () => {
        if (pending) Atomics.store(flag, 0, pending.id);
      },
      close: () => {
        closing = true;
        const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
        worker.postMessage({ close: true } satisfies ReaderRequest);
        return exited;
      },
    };
    worker.on('message', (m: ReaderReply) => {
      const p = pending;
      if (p?.id !== m.id) return;
      pending = undefined;
      if (m.ok) p.resolve(m.value);
      else p.reject(m.cancelled ? new Cancelled() : new Error(m.error));
    });
    worker.on('error', (error) => (crash ??= error));
    worker.on('exit', (code) => {
      if (closing) return;
      pending?.reject(new Error(`reader thread stopped: ${crash?.message ?? `exit code ${code}`}`));
      pending = undefined;
      onDeath(lane);
    });
    return lane;
  };
}
