// A reader thread: runs read jobs (read-jobs.ts) on its own read-only connection, so stored
// queries never block the relay's event loop, and several run at once (WAL readers never wait).
import { parentPort, workerData } from 'node:worker_threads';
import { openReadConnection } from './schema.js';
import { runReadJob, transferable, type ReadJob } from './read-jobs.js';
import { Cancelled, Reader } from './reader.js';

/** What the main thread sends. */
export type ReaderRequest = { id: number; job: ReadJob } | { close: true };

/** The answer to one job; errors travel as messages. */
export type ReaderReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; cancelled: boolean; error: string };

const { path, cancel } = workerData as { path: string; cancel: SharedArrayBuffer };
const db = openReadConnection(path);
const reader = new Reader(db);
// The main thread writes the id of a job it no longer wants here.
const cancelled = new Int32Array(cancel);
const port = parentPort!;

port.on('message', (msg: ReaderRequest) => {
  if ('close' in msg) {
    db.close();
    port.close();
    return;
  }
  let reply: ReaderReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const value = runReadJob(reader, msg.job, () => Atomics.load(cancelled, 0) === msg.id);
    transfer = transferable(value);
    reply = { id: msg.id, ok: true, value };
  } catch (error) {
    reply = {
      id: msg.id,
      ok: false,
      cancelled: error instanceof Cancelled,
      error: (error as Error)?.message ?? String(error),
    };
  }
  port.postMessage(reply, transfer);
});
