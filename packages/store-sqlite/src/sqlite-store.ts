import Database from 'better-sqlite3';
import { isHex64, nowSeconds, type Filter, type NostrEvent } from '@lifeline/nostr';
import {
  assertStorable,
  type EventStore,
  type QueryOptions,
  type SaveOutcome,
  type StoredEvent,
} from '@lifeline/store';
import { initSchema } from './schema.js';
import { BatchWriter } from './writer.js';
import { WriteEngine, type WriteOp } from './write-engine.js';
import { Reader, lazyStored } from './reader.js';
import { Tombstones } from './tombstones.js';
import type { IdFilter } from './id-filter.js';

/** How to open a SQLite store. */
export interface SqliteStoreOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** FULL (default) survives power loss; NORMAL survives process crashes (WAL) and is faster. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Events per write transaction before an early flush (default 1000). */
  maxBatch?: number;
}

/**
 * The embedded default backend. Writes go to a dedicated writer thread that owns the only write
 * connection and commits in batches; reads use this thread's own connection (WAL lets them run
 * while the writer commits), so inserts and COMMIT never stall the relay's event loop.
 */
export class SqliteStore implements EventStore {
  /** NIP-50 search over the FTS5 index. */
  readonly nips = [50] as const;
  readonly #db: Database.Database;
  readonly #writer: BatchWriter;
  readonly #reader: Reader;
  readonly #has: Database.Statement;
  readonly #tombstones: Tombstones;
  readonly #ids: IdFilter | undefined;
  #closed = false;

  /** Use `openSqliteStore`. */
  constructor(
    /** The database file this store was opened on. */
    readonly path: string,
    db: Database.Database,
    writer: BatchWriter,
    /** Ids the writer thread has stored (absent for ':memory:', where lookups are cheap). */
    ids?: IdFilter,
  ) {
    this.#db = db;
    this.#ids = ids;
    this.#writer = writer;
    this.#reader = new Reader(db);
    this.#has = db.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
    this.#tombstones = new Tombstones(db);
  }

  /** True once the in-memory id filter covers every stored id (false for ':memory:', which has none). */
  get idFilterReady(): boolean {
    return this.#ids?.ready ?? false;
  }

  /** Queues the events for the next batch commit; a malformed or ephemeral event rejects the call. */
  save(events: StoredEvent[]): Promise<SaveOutcome[]> {
    try {
      this.#assertOpen();
      for (const { event, json } of events) assertStorable(event, json);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#writer.enqueue({ type: 'save', jsons: events.map((e) => e.json) }, events.length);
  }

  /** Live matching events, newest first per filter with its limit, merged and deduplicated. */
  async query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]> {
    this.#assertOpen();
    return this.#reader.query(filters, options.maxLimit, nowSeconds());
  }

  /** NIP-45 count of live events matching any filter. */
  async count(filters: Filter[]): Promise<number> {
    this.#assertOpen();
    return this.#reader.count(filters, nowSeconds());
  }

  /** True when the id is stored (expired events count until purged). */
  async has(id: string): Promise<boolean> {
    this.#assertOpen();
    if (!isHex64(id)) return false;
    // A new id is settled in memory: no index page read on the event loop.
    if (this.#ids?.ready && !this.#ids.mightHave(id)) return false;
    return this.#has.get(Buffer.from(id, 'hex')) !== undefined;
  }

  /** Checks the tombstones on the read connection (committed deletions and vanishes). */
  async refuses(event: NostrEvent): Promise<boolean> {
    this.#assertOpen();
    return this.#tombstones.refuses(event);
  }

  /** NIP-09, through the writer queue so it is ordered with saves. */
  applyDeletion(request: NostrEvent): Promise<number> {
    return this.#write({ type: 'deletion', request });
  }

  /** NIP-62, through the writer queue. */
  vanish(pubkey: string, until: number): Promise<number> {
    return this.#write({ type: 'vanish', pubkey, until });
  }

  /** NIP-40 purge, through the writer queue. */
  purgeExpired(now: number): Promise<number> {
    return this.#write({ type: 'purge', now });
  }

  /** Every stored event in insertion order, read in pages so the writer is never blocked long. */
  async *iterate(): AsyncIterable<StoredEvent> {
    const page = this.#db.prepare('SELECT seq, json FROM events WHERE seq > ? ORDER BY seq LIMIT 500').raw();
    let after = 0;
    for (;;) {
      this.#assertOpen();
      const rows = page.all(after) as [number, string][];
      for (const [, json] of rows) yield lazyStored(json);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < 500) return;
      after = last[0];
    }
  }

  /** Commits pending writes, refreshes planner statistics, and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#writer.close();
    this.#db.close();
  }

  #write(op: WriteOp): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#writer.enqueue(op, 1);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

/** Opens (creating if needed) a SQLite event store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const synchronous = options.synchronous ?? 'FULL';
  const maxBatch = options.maxBatch ?? 1000;
  if (options.path === ':memory:') {
    // One in-memory database cannot be shared between threads: read and write on this one.
    const db = new Database(':memory:');
    initSchema(db, synchronous);
    return new SqliteStore(options.path, db, BatchWriter.inline(new WriteEngine(db), maxBatch));
  }
  // The writer thread creates or migrates the schema before the read connection opens.
  const { writer, ids } = await BatchWriter.threaded(options.path, synchronous, maxBatch);
  const db = new Database(options.path);
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
  return new SqliteStore(options.path, db, writer, ids);
}
