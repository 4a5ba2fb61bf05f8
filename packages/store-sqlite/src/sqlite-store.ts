import Database from 'better-sqlite3';
import type { Filter, NostrEvent } from '@lifeline/nostr';
import {
  assertStorable,
  isHex64,
  nowSeconds,
  type EventStore,
  type QueryOptions,
  type SaveOutcome,
  type StoredEvent,
} from '@lifeline/store';
import { initSchema } from './schema.js';
import { BatchWriter } from './writer.js';
import { Mutations } from './mutations.js';
import { Reader, lazyStored } from './reader.js';

/** How to open a SQLite store. */
export interface SqliteStoreOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** FULL (default) survives power loss; NORMAL survives process crashes (WAL) and is faster. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Events per write transaction before an early flush (default 1000). */
  maxBatch?: number;
}

/** The embedded default backend: one better-sqlite3 connection, one batching writer. */
export class SqliteStore implements EventStore {
  /** The database file this store was opened on. */
  readonly path: string;
  readonly #db: Database.Database;
  readonly #writer: BatchWriter;
  readonly #mutations: Mutations;
  readonly #reader: Reader;
  readonly #has: Database.Statement;
  #closed = false;

  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.#db = new Database(options.path);
    initSchema(this.#db, options.synchronous ?? 'FULL');
    this.#writer = new BatchWriter(this.#db, options.maxBatch ?? 1000);
    this.#mutations = new Mutations(this.#db);
    this.#reader = new Reader(this.#db);
    this.#has = this.#db.prepare('SELECT 1 FROM events WHERE id = ?').pluck();
  }

  /** Queues the events for the next batch commit; a malformed or ephemeral event rejects the call. */
  save(events: StoredEvent[]): Promise<SaveOutcome[]> {
    try {
      this.#assertOpen();
      for (const { event, json } of events) assertStorable(event, json);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#writer.enqueue(() => events.map((e) => this.#mutations.save(e)), events.length);
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
    return isHex64(id) && this.#has.get(Buffer.from(id, 'hex')) !== undefined;
  }

  /** NIP-09, through the writer queue so it is ordered with saves. */
  applyDeletion(request: NostrEvent): Promise<number> {
    return this.#write(() => this.#mutations.applyDeletion(request));
  }

  /** NIP-62, through the writer queue. */
  vanish(pubkey: string, until: number): Promise<number> {
    return this.#write(() => this.#mutations.vanish(pubkey, until));
  }

  /** NIP-40 purge, through the writer queue. */
  purgeExpired(now: number): Promise<number> {
    return this.#write(() => this.#mutations.purgeExpired(now));
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
    this.#writer.flush();
    this.#closed = true;
    this.#db.pragma('optimize');
    this.#db.close();
  }

  #write(run: () => number): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#writer.enqueue(run, 1, true);
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

/** Opens (creating if needed) a SQLite event store. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return new SqliteStore(options);
}
