import { Worker } from 'node:worker_threads';
import type { ScorerAnswer, ScorerJob } from './worker.js';

/** A successful answer: the scorer's results and the scored items, per population. */
export type Scored = Extract<ScorerAnswer, { ok: true }>;

const WORKER = new URL('./worker.js', import.meta.url);

/**
 * Parses, collects and scores in a thread of its own, so a run over a million ratings never holds
 * the event loop; the thread ends with its answer, giving its memory back. Aborting terminates it.
 */
export function scoreInThread(job: ScorerJob, signal?: AbortSignal): Promise<Scored> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: job });
    const onAbort = () => void worker.terminate();
    signal?.addEventListener('abort', onAbort, { once: true });
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    worker.once('message', (answer: ScorerAnswer) => {
      done(() => (answer.ok ? resolve(answer) : reject(new Error(`scorer failed: ${answer.error}`))));
      void worker.terminate();
    });
    worker.once('error', (err) => done(() => reject(err)));
    worker.once('exit', (code) => done(() => reject(new Error(`scorer thread exited (${code}) without an answer`))));
  });
}
