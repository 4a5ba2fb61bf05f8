import { isHex64, nowSeconds, type Filter, type NostrEvent } from '@lifeline/nostr';
import {
  assertStorable,
  effectiveLimit,
  type EventStore,
  type QueryOptions,
  type ReadOptions,
  type ReadStats,
  type RemovalTarget,
  type ModerationRow,
  type SaveOutcome,
  type StoredEvent,
  type SyncItems,
  type SyncItemsOptions,
} from '@lifeline/store';
import postgres, { type Sql } from 'postgres';
import { BatchWriter } from './batch-writer.js';
import { FeedFollower } from './feed.js';
import { countStatement, keysStatement, syncStatement } from './compile.js';
import { initSchema } from './schema.js';
import { ReadRouter, type ReadRouting } from './read-replica.js';
import { refuses } from './writes.js';

/** How to open a PostgreSQL store. */
export interface PostgresStoreOptions {
  /** `postgres://user[:password]@host[:port]/database`. */
  url: string;
  /** Connections in the pool (default 10): one writes a batch at a time, the rest read. */
  maxConnections?: number;
  /** Events per write transaction before an early flush (default 1000). */
  maxBatch?: number;
  /** A query stops adding events once its JSON reaches this many bytes; the newest are kept (default 8 MiB). */
  maxResultBytes?: number;
  /** One streamed chunk holds at most this many bytes of JSON (default 256 KiB)... */
  chunkBytes?: number;
  /** ...and at most this many events (default 250); a larger single event goes alone. */
  chunkEvents?: number;
  /** After a NIP-09 deletion, NIP-62 vanish or NIP-40 purge removed events, run `erase()` this much later (default 10 s). */
  eraseDelayMs?: number;
  /** `erase()` rebuilds the search index at most this often (default 1 hour); 0: every time. */
  reindexSearchEveryMs?: number;
  /** The live feed is read at least this often even without a notification (default 2 s). */
  feedPollMs?: number;
  /** A streaming replica for stored queries (read-replica.ts); empty or absent: the primary. */
  readUrl?: string;
  /** How long a read waits for the replica to replay this process's writes before using the primary (default 20 ms). */
  readWaitMs?: number;
}

/** One matching row before its JSON is read. */
interface Key {
  seq: number;
  created_at: number;
  id: Buffer;
  bytes: number;
}

/** A StoredEvent whose parsed form is built only if someone reads it: the relay sends `json`. */
function lazyStored(json: string): StoredEvent {
  let event: NostrEvent | undefined;
  return {
    json,
    get event(): NostrEvent {
      return (event ??= JSON.parse(json) as NostrEvent);
    },
  };
}

/**
 * Settles answers in the order they were asked for. Point lookups run on whichever pooled
 * connection is free, so a later one can finish first; the relay's pipeline (duplicate check, then
 * signature, then tombstones, then live delivery) must not reorder one author's events.
 */
class InOrder {
  #last: Promise<unknown> = Promise.resolve();

  /** `answer`, settled no earlier than every answer passed before it. */
  next<T>(answer: Promise<T>): Promise<T> {
    const settled = this.#last.then(() => answer);
    this.#last = settled.catch(() => undefined);
    return settled;
  }
}

/** NIP-01 order: newest first, ties by the lowest id. */
const newestFirst = (a: Key, b: Key) => b.created_at - a.created_at || Buffer.compare(a.id, b.id);

/**
 * The scale-out backend. The driver is asynchronous, so every query runs in the server while the
 * event loop goes on; writes are batched into one transaction per turn (`BatchWriter`); a query
 * first collects its result's keys (seq, time, id, JSON size from the TOAST header) and then reads
 * JSON a chunk at a time as the caller pulls, like store-sqlite's reader pool.
 */
export class PostgresStore implements EventStore {
  /** NIP-50 search over a GIN-indexed tsvector of nip50.ts's words. */
  readonly nips = [50] as const;
  readonly #sql: Sql;
  readonly #replica: Sql | undefined;
  readonly #router: ReadRouter;
  readonly #writer: BatchWriter;
  readonly #feed: FeedFollower;
  readonly #maxResultBytes: number;
  readonly #chunkBytes: number;
  readonly #chunkEvents: number;
  readonly #eraseDelayMs: number;
  readonly #reindexEveryMs: number;
  #eraseTimer: NodeJS.Timeout | undefined;
  #erasing: Promise<void> | undefined;
  #lastReindex = Number.NEGATIVE_INFINITY;
  #closed = false;
  readonly #connections: number;
  /** Statements in flight per owner (in the server, or waiting for a pooled connection). */
  readonly #reading = new Map<object, number>();
  #running = 0;
  #started = 0;
  readonly #hasOrder = new InOrder();
  readonly #refusalOrder = new InOrder();

  /** Use `openPostgresStore`. */
  constructor(sql: Sql, options: PostgresStoreOptions, replica?: Sql) {
    this.#sql = sql;
    this.#replica = replica;
    this.#router = new ReadRouter(sql, replica, options.readWaitMs ?? 20);
    this.#connections = options.maxConnections ?? 10;
    this.#feed = new FeedFollower(
      sql,
      options.feedPollMs ?? 2000,
      (error) => process.emitWarning(`live feed read failed: ${error.message}`),
      () => this.#router.noteWritten(),
    );
    this.#writer = new BatchWriter(sql, options.maxBatch ?? 1000, this.#feed.origin, () => this.#router.noteWritten());
    this.#maxResultBytes = options.maxResultBytes ?? 8 * 1024 * 1024;
    this.#chunkBytes = options.chunkBytes ?? 256 * 1024;
    this.#chunkEvents = options.chunkEvents ?? 250;
    this.#eraseDelayMs = options.eraseDelayMs ?? 10_000;
    this.#reindexEveryMs = options.reindexSearchEveryMs ?? 3_600_000;
  }

  /** Queues the events for the next batch commit; a malformed or ephemeral event rejects the call. */
  save(events: StoredEvent[]): Promise<SaveOutcome[]> {
    try {
      this.#assertOpen();
      for (const { event, json } of events) assertStorable(event, json);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#writer.enqueue({ type: 'save', events }, events.length);
  }

  /** Live matching events, newest first per filter with its limit, merged, deduplicated, cut at `maxResultBytes`. */
  async query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]> {
    const all: StoredEvent[] = [];
    for await (const chunk of this.queryChunks(filters, options)) all.push(...chunk);
    return all;
  }

  /** `query` in chunks: the keys first, then each chunk's JSON only when the caller pulls it. */
  async *queryChunks(filters: Filter[], options: QueryOptions): AsyncGenerator<StoredEvent[]> {
    this.#assertOpen();
    const { signal } = options;
    const now = nowSeconds();
    // One pool for the whole query: keys and their JSON read from the same server.
    const sql = await this.#router.pick();
    const perFilter: Key[][] = [];
    for (const filter of filters) {
      signal?.throwIfAborted();
      const limit = effectiveLimit(filter, options.maxLimit);
      const stmt = limit > 0 ? keysStatement(filter, limit, now) : undefined;
      if (stmt) perFilter.push(await this.#run<Key>(sql, stmt, signal, options.owner));
    }
    let keys = perFilter[0] ?? [];
    if (perFilter.length > 1) {
      const seen = new Map<number, Key>();
      for (const rows of perFilter) for (const k of rows) seen.set(k.seq, k);
      keys = [...seen.values()].sort(newestFirst);
    }
    let bytes = 0;
    let end = 0;
    while (end < keys.length && bytes < this.#maxResultBytes) bytes += keys[end++]!.bytes;
    for (let from = 0; from < end; ) {
      let to = from + 1;
      let size = keys[from]!.bytes;
      while (to < end && to - from < this.#chunkEvents && size + keys[to]!.bytes <= this.#chunkBytes)
        size += keys[to++]!.bytes;
      const chunk = await this.#jsons(
        sql,
        keys.slice(from, to).map((k) => k.seq),
        now,
        options,
      );
      from = to;
      if (chunk.length > 0) yield chunk;
    }
  }

  /** The JSON of these seqs in this order; events deleted or expired since their keys were read are skipped. */
  async #jsons(sql: Sql, seqs: number[], now: number, { signal, owner }: ReadOptions): Promise<StoredEvent[]> {
    const rows = await this.#run<{ seq: number; json: string }>(
      sql,
      {
        text: 'SELECT e.seq, e.json FROM events e WHERE e.seq = ANY ($1::bigint[]) AND (e.expiration IS NULL OR e.expiration > $2::bigint)',
        values: [seqs, now],
      },
      signal,
      owner,
    );
    const bySeq = new Map(rows.map((r) => [r.seq, r.json]));
    const out: StoredEvent[] = [];
    for (const seq of seqs) {
      const json = bySeq.get(seq);
      if (json !== undefined) out.push(lazyStored(json));
    }
    return out;
  }

  /** NIP-45 count of live events matching any filter. */
  async count(filters: Filter[], options: ReadOptions = {}): Promise<number> {
    this.#assertOpen();
    const stmt = countStatement(filters, nowSeconds());
    if (stmt === undefined) return 0;
    const [row] = await this.#run<{ n: number }>(await this.#router.pick(), stmt, options.signal, options.owner);
    return row!.n;
  }

  /**
   * NIP-77 sync records, (created_at, id) only: never the events' JSON. A million rows arrive as
   * objects (about 100 MB briefly) and are packed into 40 MB of arrays.
   */
  async syncItems(filters: Filter[], options: SyncItemsOptions): Promise<SyncItems> {
    this.#assertOpen();
    const empty = (tooMany: boolean): SyncItems => ({
      timestamps: new Float64Array(0),
      ids: new Uint8Array(0),
      tooMany,
    });
    const stmt = syncStatement(filters, nowSeconds(), options.max + 1);
    if (stmt === undefined) return empty(false);
    const sql = await this.#router.pick();
    const rows = await this.#run<{ created_at: number | string; id: Buffer }>(sql, stmt, options.signal, options.owner);
    if (rows.length > options.max) return empty(true);
    const timestamps = new Float64Array(rows.length);
    const ids = new Uint8Array(rows.length * 32);
    rows.forEach((r, i) => {
      timestamps[i] = Number(r.created_at);
      ids.set(r.id, i * 32);
    });
    return { timestamps, ids, tooMany: false };
  }

  /** True when the id is stored (expired events count until purged). Answers in call order, like `refuses`. */
  has(id: string): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    if (!isHex64(id)) return this.#hasOrder.next(Promise.resolve(false));
    const rows = this.#sql.unsafe("SELECT 1 FROM events WHERE id = decode($1::text, 'hex')", [id], { prepare: true });
    return this.#hasOrder.next(rows.then((r) => r.length > 0));
  }

  /**
   * Checks the committed NIP-09 and NIP-62 tombstones. Answers come back in call order, as
   * SQLite's synchronous lookups do: the relay delivers a regular event live once this clears, and
   * queries spread over the pool's connections could otherwise overtake each other and reorder
   * one author's posts for subscribers.
   */
  refuses(event: NostrEvent): Promise<boolean> {
    if (this.#closed) return Promise.reject(new Error('store is closed'));
    return this.#refusalOrder.next(refuses(this.#sql, event));
  }

  /** NIP-09, through the write queue so it is ordered with saves. */
  applyDeletion(request: NostrEvent): Promise<number> {
    return this.#write({ type: 'deletion', request });
  }

  /** NIP-62, through the write queue; `request` goes to other processes' live subscribers. */
  vanish(pubkey: string, until: number, request?: StoredEvent): Promise<number> {
    return this.#write({ type: 'vanish', pubkey, until, ...(request ? { json: request.json } : {}) });
  }

  /** What other processes sharing the database commit, in commit order, once (feed.ts). */
  onCommitted(listener: (stored: StoredEvent) => void): () => void {
    return this.#feed.add(listener);
  }

  /** Resolves once what other processes committed before the call has reached `onCommitted` listeners. */
  caughtUp(): Promise<void> {
    return this.#feed.caughtUp();
  }

  /** Starts the live feed's cursor at its current end (openPostgresStore calls it before handing the store out). */
  markFeed(): Promise<void> {
    return this.#feed.mark();
  }

  /** Counts everything the primary holds now as seen by this process: reads go to the replica once it has it too. */
  noteWritten(): Promise<void> {
    return this.#router.noteWritten();
  }

  /** Resolves once `onCommitted` listeners are being fed (LISTEN is running). */
  following(): Promise<void> {
    return this.#feed.ready;
  }

  /** Operator moderation (NIP-86), through the write queue so it is ordered with saves. */
  removeEvents(target: RemovalTarget): Promise<number> {
    return this.#write({ type: 'remove', ids: [...(target.ids ?? [])], authors: [...(target.authors ?? [])] });
  }

  /** The moderation lists' rows, as committed (every process sharing the database sees the same). */
  async moderationRows(): Promise<ModerationRow[]> {
    this.#assertOpen();
    return [
      ...(await this.#sql.unsafe<ModerationRow[]>('SELECT list, subject, value FROM moderation', [], {
        prepare: true,
      })),
    ];
  }

  /** Changes moderation rows through the write queue (one transaction). */
  async changeModeration(
    put: readonly ModerationRow[],
    remove: ReadonlyArray<Omit<ModerationRow, 'value'>>,
  ): Promise<void> {
    await this.#write({ type: 'moderate', put: [...put], remove: [...remove] });
  }

  /** NIP-40 purge, through the write queue. */
  purgeExpired(now: number): Promise<number> {
    return this.#write({ type: 'purge', now });
  }

  /** Every stored event in insertion order, read in pages of 500. */
  async *iterate(): AsyncIterable<StoredEvent> {
    let after = 0;
    for (;;) {
      this.#assertOpen();
      const rows = await this.#sql.unsafe<{ seq: number; json: string }[]>(
        'SELECT seq, json FROM events WHERE seq > $1::bigint ORDER BY seq LIMIT 500',
        [after],
        { prepare: true },
      );
      for (const row of rows) yield lazyStored(row.json);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < 500) return;
      after = last.seq;
    }
  }

  /** Commits pending writes, then closes the pool once running queries end. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#eraseTimer);
    await this.#writer.drain();
    await this.#feed.close();
    await this.#erasing?.catch(() => undefined);
    await this.#sql.end({ timeout: 5 });
    await this.#replica?.end({ timeout: 5 });
  }

  /** How many stored queries went to the replica, waited for it, or went to the primary. */
  readRouting(): ReadRouting {
    return { ...this.#router.routing };
  }

  /**
   * Reads in flight, overall or for one owner. The pool queues nothing of ours: a read waiting for
   * a free connection counts as running, and `threads` is the pool's size.
   */
  readStats(owner?: object): ReadStats {
    const running = owner === undefined ? this.#running : (this.#reading.get(owner) ?? 0);
    return { threads: this.#connections, queued: 0, running, started: this.#started };
  }

  /** Runs a read; an abort cancels it in the server and rejects with the signal's reason. */
  async #run<T>(
    sql: Sql,
    stmt: { text: string; values: unknown[] },
    signal?: AbortSignal,
    owner?: object,
  ): Promise<T[]> {
    signal?.throwIfAborted();
    const query = sql.unsafe(stmt.text, stmt.values as never[], { prepare: true });
    const cancel = () => void query.cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    this.#started++;
    this.#running++;
    if (owner) this.#reading.set(owner, (this.#reading.get(owner) ?? 0) + 1);
    try {
      return (await query) as unknown as T[];
    } catch (error) {
      signal?.throwIfAborted();
      throw error;
    } finally {
      signal?.removeEventListener('abort', cancel);
      this.#running--;
      if (owner) {
        const left = this.#reading.get(owner)! - 1;
        if (left === 0) this.#reading.delete(owner);
        else this.#reading.set(owner, left);
      }
    }
  }

  /**
   * Makes removed events unreadable on disk as far as PostgreSQL can: a DELETE only marks rows
   * dead, and their bytes stay in the table, its TOAST table and its indexes until VACUUM prunes
   * them; the GIN search index keeps a removed word as a key (with no event left under it) until
   * it is rebuilt, so that happens too, at most every `reindexSearchEveryMs`. What this cannot
   * reach — WAL segments not yet recycled, replicas' and backups' copies, blocks of unlinked
   * files — is in docs/architecture.md.
   */
  erase(): Promise<void> {
    this.#erasing ??= (async () => {
      try {
        await this.#sql`VACUUM events, tags`;
        if (Date.now() - this.#lastReindex >= this.#reindexEveryMs) {
          this.#lastReindex = Date.now();
          await this.#sql`REINDEX INDEX CONCURRENTLY events_words`;
        }
      } finally {
        this.#erasing = undefined;
      }
    })();
    return this.#erasing;
  }

  #scheduleErase(): void {
    if (this.#eraseTimer || this.#closed) return;
    this.#eraseTimer = setTimeout(() => {
      this.#eraseTimer = undefined;
      // Another process may be vacuuming or reindexing the same tables: the next removal retries.
      this.erase().catch(() => undefined);
    }, this.#eraseDelayMs);
    this.#eraseTimer.unref();
  }

  async #write(op: Parameters<BatchWriter['enqueue']>[0]): Promise<number> {
    if (this.#closed) throw new Error('store is closed');
    const removed = await this.#writer.enqueue<number>(op, 1);
    if (removed > 0) this.#scheduleErase();
    return removed;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('store is closed');
  }
}

/** bigint columns (seq, created_at) as JS numbers: every value the store keeps is a safe integer. */
const BIGINT_AS_NUMBER = {
  to: 20,
  from: [20],
  serialize: (x: number) => String(x),
  parse: (x: string) => Number(x),
};

/** Connects, creates the schema if needed, and returns the store. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const sql = postgres(options.url, {
    max: options.maxConnections ?? 10,
    types: { bigint: BIGINT_AS_NUMBER },
    onnotice: () => {},
    connection: { application_name: 'lifeline' },
  });
  try {
    await initSchema(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  // The replica gets no schema work: it is read-only and replays the primary's.
  const replica = options.readUrl
    ? postgres(options.readUrl, {
        max: options.maxConnections ?? 10,
        types: { bigint: BIGINT_AS_NUMBER },
        onnotice: () => {},
        connection: { application_name: 'lifeline-read' },
      })
    : undefined;
  const store = new PostgresStore(sql, options, replica);
  try {
    // A replica that cannot be reached fails the start, naming itself (`fromReplica`).
    await replica?.unsafe('SELECT 1').catch((error: Error) => {
      throw Object.assign(error, { fromReplica: true });
    });
    // From here on, whatever another process commits reaches this one's live subscribers.
    await store.markFeed();
    // A replica that has not replayed the schema (or anything before this start) is not read yet.
    await store.noteWritten();
  } catch (error) {
    await sql.end({ timeout: 1 });
    await replica?.end({ timeout: 1 });
    throw error;
  }
  return store;
}
