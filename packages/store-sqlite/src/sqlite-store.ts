import { availableParallelism } from 'node:os';
import Database from 'better-sqlite3';
import { isHex64, nowSeconds, type Filter, type NostrEvent } from '@lifeline/nostr';
import {
  assertStorable,
  type EventStore,
  type QueryOptions,
  type ReadOptions,
  type ReadStats,
  type SaveOutcome,
  type StoredEvent,
  type SyncItems,
  type SyncItemsOptions,
  type RemovalTarget,
  type ModerationRow,
} from '@lifeline/store';
import { initSchema, tuneForReads } from './schema.js';
import { BatchWriter } from './writer.js';
import { WriteEngine, type WriteOp } from './write-engine.js';
import { Reader, lazyStored } from './reader.js';
import { ReadPool } from './read-pool.js';
import { inlineLane, readerThreads } from './read-lanes.js';
import { chunkEnd, storedChunk, type ChunkBounds } from './read-jobs.js';
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
  /**
   * Reader threads for REQ and COUNT (default: the CPU count, at most 4). 0 runs reads on the
   * main thread, as ':memory:' always does.
   */
  readThreads?: number;
  /** A query stops adding events once its JSON reaches this many bytes; the newest are kept (default 8 MiB). */
  maxResultBytes?: number;
  /** One streamed chunk holds at most this many bytes of JSON (default 256 KiB)... */
  chunkBytes?: number;
  /** ...and at most this many events (default 250); a larger single event goes alone. */
  chunkEvents?: number;
  /** Heap limit of each reader thread in MiB (default 256): a read that would pass it fails alone. */
  readHeapMb?: number;
}

/** What one store's reads may cost; see `SqliteStoreOptions`. */
interface ReadLimits {
  maxResultBytes: number;
  chunk: ChunkBounds;
}

/**
 * The embedded default backend. Writes go to a dedicated writer thread that owns the only write
 * connection and commits in batches; REQ and COUNT run on a pool of reader threads with read-only
 * connections (WAL lets them run while the writer commits), so neither stalls the relay's event
 * loop. Point lookups (`has`, `refuses`) and `iterate` use this thread's own connection.
 */
export class SqliteStore implements EventStore {
  /** NIP-50 search over the FTS5 index. */
  readonly nips = [50] as const;
  readonly #db: Database.Database;
  readonly #writer: BatchWriter;
  readonly #reads: ReadPool;
  readonly #limits: ReadLimits;
  /** The owner of reads that name none: they take turns with each other, FIFO. */
  readonly #anyone = {};
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
    reads: ReadPool,
    limits: ReadLimits,
    /** Ids the writer thread has stored (absent for ':memory:', where lookups are cheap). */
    ids?: IdFilter,
  ) {
    this.#db = db;
    this.#ids = ids;
    this.#writer = writer;
    this.#reads = reads;
    this.#limits = limits;
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

  /** Live matching events, newest first per filter with its limit, merged, deduplicated, cut at `maxResultBytes`. */
  async query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for await (const chunk of this.queryChunks(filters, options)) all.push(...chunk);
    return all;
  }

  /**
   * `query` in chunks: one job collects the result's keys (rowids and sizes, no JSON) and reads
   * the first chunk; each later chunk is one more job, queued only when the caller pulls it.
   * Between pulls nothing is held but the keys, and no thread is busy.
   */
  async *queryChunks(filters: Filter[], options: QueryOptions): AsyncGenerator<StoredEvent[]> {
    this.#assertOpen();
    const now = nowSeconds();
    const owner = options.owner ?? this.#anyone;
    const { chunk, maxResultBytes: maxBytes } = this.#limits;
    const query = { type: 'query', filters, maxLimit: options.maxLimit, now, maxBytes, chunk } as const;
    const first = await this.#reads.run(query, owner, options.signal);
    if (first.chunk.ends.length > 0) yield storedChunk(first.chunk);
    const { seqs, sizes } = first.rest;
    for (let from = 0; from < seqs.length; ) {
      const end = chunkEnd(sizes, from, chunk);
      const next = await this.#reads.run({ type: 'fetch', seqs: seqs.slice(from, end), now }, owner, options.signal);
      from = end;
      if (next.ends.length > 0) yield storedChunk(next);
    }
  }

  /** NIP-45 count of live events matching any filter. */
  count(filters: Filter[], options: ReadOptions = {}): Promise<number> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#reads.run(
      { type: 'count', filters, now: nowSeconds() },
      options.owner ?? this.#anyone,
      options.signal,
    );
  }

  /** NIP-77 sync records, read on a reader thread. */
  syncItems(filters: Filter[], options: SyncItemsOptions): Promise<SyncItems> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#reads.run(
      { type: 'sync', filters, now: nowSeconds(), max: options.max },
      options.owner ?? this.#anyone,
      options.signal,
    );
  }

  /** Reads queued and running, overall or for one owner (e.g. a connection's budget). */
  readStats(owner?: object): ReadStats {
    return this.#reads.stats(owner);
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

  /** Operator moderation (NIP-86), through the writer queue so it is ordered with saves. */
  removeEvents(target: RemovalTarget): Promise<number> {
    return this.#write({ type: 'remove', ids: [...(target.ids ?? [])], authors: [...(target.authors ?? [])] });
  }

  /** The moderation lists' rows, as committed. */
  async moderationRows(): Promise<ModerationRow[]> {
    this.#assertOpen();
    return this.#db.prepare('SELECT list, subject, value FROM moderation').all() as ModerationRow[];
  }

  /** Changes moderation rows through the writer queue (one transaction). */
  async changeModeration(
    put: readonly ModerationRow[],
    remove: ReadonlyArray<Omit<ModerationRow, 'value'>>,
  ): Promise<void> {
    await this.#write({ type: 'moderate', put: [...put], remove: [...remove] });
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

  /** Fails queued reads, waits for running ones, commits pending writes, and closes the database. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#reads.close();
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
  const threads = options.readThreads ?? Math.min(availableParallelism(), 4);
  const limits: ReadLimits = {
    maxResultBytes: options.maxResultBytes ?? 8 * 1024 * 1024,
    chunk: { bytes: options.chunkBytes ?? 256 * 1024, events: options.chunkEvents ?? 250 },
  };
  if (options.path === ':memory:') {
    // One in-memory database cannot be shared between threads: read and write on this one.
    const db = new Database(':memory:');
    initSchema(db, synchronous);
    const reads = new ReadPool(1, inlineLane(new Reader(db)), false);
    return new SqliteStore(options.path, db, BatchWriter.inline(new WriteEngine(db), maxBatch), reads, limits);
  }
  // The writer thread creates or migrates the schema before the read connections open.
  const { writer, ids } = await BatchWriter.threaded(options.path, synchronous, maxBatch);
  const db = new Database(options.path);
  tuneForReads(db);
  const reads =
    threads > 0
      ? new ReadPool(threads, readerThreads(options.path, options.readHeapMb ?? 256), true)
      : new ReadPool(1, inlineLane(new Reader(db)), false);
  return new SqliteStore(options.path, db, writer, reads, limits, ids);
}
