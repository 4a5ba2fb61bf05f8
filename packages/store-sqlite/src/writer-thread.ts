// The writer thread: owns the only write connection, so inserts, index updates and COMMIT never
// block the relay's main thread. It also keeps the shared id filter (id-filter.ts) up to date.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { IdFilter } from './id-filter.js';
import { initSchema } from './schema.js';
import { WriteEngine, type WriteOp } from './write-engine.js';

/** What the main thread sends. */
export type WriterRequest = { seq: number; ops: WriteOp[] } | { close: true };

/** The first message back: the writer is ready, and this is the id filter it maintains. */
export interface WriterReady {
  ready: true;
  ids: SharedArrayBuffer;
}

const { path, synchronous } = workerData as { path: string; synchronous: 'FULL' | 'NORMAL' };
const db = new Database(path);
initSchema(db, synchronous);
const stored = (db.prepare('SELECT max(seq) FROM events').pluck().get() as number | null) ?? 0;
const ids = IdFilter.create(stored);
const engine = new WriteEngine(db, (id) => ids.add(id));
const port = parentPort!;
let closed = false;

// The ids already stored are read from the id index in slices between write batches, so the
// relay can take writes at once; until the scan ends, its `has` asks the database.
const page = db.prepare('SELECT id FROM events WHERE id > ? ORDER BY id LIMIT 20000').pluck();
function scan(after: Buffer): void {
  if (closed) return;
  const rows = page.all(after) as Buffer[];
  for (const id of rows) ids.add(id.toString('hex'));
  if (rows.length < 20000) ids.markReady();
  else setImmediate(scan, rows[rows.length - 1]!);
}
setImmediate(scan, Buffer.alloc(0));

port.on('message', (msg: WriterRequest) => {
  if ('close' in msg) {
    closed = true;
    db.pragma('optimize');
    db.close();
    port.postMessage({ closed: true });
    port.close();
    return;
  }
  port.postMessage({ seq: msg.seq, results: engine.run(msg.ops) });
});
port.postMessage({ ready: true, ids: ids.buffer } satisfies WriterReady);
