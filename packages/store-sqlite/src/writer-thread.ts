// The writer thread: owns the only write connection, so inserts, index updates and COMMIT never
// block the relay's main thread.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { initSchema } from './schema.js';
import { WriteEngine, type WriteOp } from './write-engine.js';

/** What the main thread sends. */
export type WriterRequest = { seq: number; ops: WriteOp[] } | { close: true };

const { path, synchronous } = workerData as { path: string; synchronous: 'FULL' | 'NORMAL' };
const db = new Database(path);
initSchema(db, synchronous);
const engine = new WriteEngine(db);
const port = parentPort!;

port.on('message', (msg: WriterRequest) => {
  if ('close' in msg) {
    db.pragma('optimize');
    db.close();
    port.postMessage({ closed: true });
    port.close();
    return;
  }
  port.postMessage({ seq: msg.seq, results: engine.run(msg.ops) });
});
port.postMessage({ ready: true });
