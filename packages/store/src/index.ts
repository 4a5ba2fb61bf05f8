import type { Filter, NostrEvent } from '@lifeline/nostr';

/** What happened to one event handed to `EventStore.save`. */
export type SaveOutcome =
  | { status: 'saved' }
  /** Same id already stored. */
  | { status: 'duplicate' }
  /** A replaceable/addressable event older than (or tied and higher-id than) the stored one. */
  | { status: 'superseded' }
  /** The id (or the address, before the deletion's time) was deleted by NIP-09, or the author vanished (NIP-62). */
  | { status: 'deleted' };

/** An event as stored: the parsed event plus its canonical JSON, serialized exactly once. */
export interface StoredEvent {
  event: NostrEvent;
  json: string;
  /**
   * The JSON as UTF-8, when the backend read it as bytes (its reader threads do): a relay sends
   * these as they are, and `json` is decoded only if someone reads it.
   */
  bytes?: Uint8Array;
}

/** Who is reading, and whether they still want the answer. */
export interface ReadOptions {
  /**
   * Aborting rejects the read with `signal.reason`: a queued read never starts, a running one
   * stops at its next check and its remaining chunks are never read. (A backend that answers at
   * once, like the in-memory oracle, may ignore it; `streamQuery` always honours it.)
   */
  signal?: AbortSignal;
  /** The caller, e.g. a connection: backends that queue reads take turns between owners. */
  owner?: object;
}

/** Options for a query. */
export interface QueryOptions extends ReadOptions {
  /** Upper bound applied to every filter's limit (and used when a filter has none). */
  maxLimit: number;
}

/** How busy a backend's reads are, for the relay's per-connection budgets. */
export interface ReadStats {
  /** Reader threads alive (0 when reads run on the caller's thread). */
  threads: number;
  /** Reads waiting for their turn (only the owner's, when one is given). */
  queued: number;
  /** Reads running now (only the owner's, when one is given). */
  running: number;
  /** Units of read work started since the store opened (a query is one, plus one per later chunk). */
  started: number;
}

/** What `removeEvents` erases: events by id and every event of some authors (hex). */
export interface RemovalTarget {
  ids?: readonly string[];
  authors?: readonly string[];
}

/** One entry of the operator's moderation lists (NIP-86): which list, its subject, and a reason or value. */
export interface ModerationRow {
  list: string;
  subject: string;
  value: string;
}

/**
 * The one narrow interface every storage backend implements. All writes go through `save`,
 * `deleteEvents`, `vanish`, `removeEvents` and `purgeExpired`; every backend passes the shared contract suite.
 */
export interface EventStore {
  /** NIPs the backend implements beyond storing and querying (e.g. 50 when it answers `search`); NIP-11 lists them. */
  readonly nips?: readonly number[];
  /**
   * Durably stores a batch of already-verified events. Handles duplicates, replaceable
   * (0, 3, 10000-19999) and addressable (30000-39999) replacement, and refuses events that an
   * earlier NIP-09 deletion or NIP-62 vanish covers. Resolves only after the commit.
   */
  save(events: StoredEvent[]): Promise<SaveOutcome[]>;
  /** Events matching any filter, newest first per filter, each filter's limit applied, deduplicated. */
  query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]>;
  /**
   * The same events as `query`, in the same order, in bounded chunks that are read only when the
   * caller pulls the next one, so nothing is read ahead of a consumer that stops pulling. Ending
   * the iteration early abandons the rest. Optional: call it through `streamQuery`, which cuts
   * `query`'s answer into chunks for a backend without it.
   */
  queryChunks?(filters: Filter[], options: QueryOptions): AsyncIterable<StoredEvent[]>;
  /**
   * NIP-77 sync records of the live events matching any filter, limits ignored, in (created_at,
   * id) order; `tooMany` past `max`. Optional: call it through `collectSyncItems`.
   */
  syncItems?(filters: Filter[], options: SyncItemsOptions): Promise<SyncItems>;
  /** Number of events matching any of the filters (NIP-45). */
  count(filters: Filter[], options?: ReadOptions): Promise<number>;
  /** Reads queued and running, overall or for one owner; only backends that queue reads have it. */
  readStats?(owner?: object): ReadStats;
  /** True when an event with this id is stored. */
  has(id: string): Promise<boolean>;
  /**
   * True when `save` would answer 'deleted': a NIP-09 deletion or NIP-62 vanish covers the event.
   * Reflects committed writes; the relay asks before delivering a new event live.
   */
  refuses(event: NostrEvent): Promise<boolean>;
  /**
   * Applies a NIP-09 deletion request (already verified and saved by the caller via `save`):
   * removes the author's events referenced by `e` tags and addressable events by `a` tags up to
   * the request's created_at, and remembers them so they are not accepted again.
   * Returns the number of events removed.
   */
  applyDeletion(request: NostrEvent): Promise<number>;
  /**
   * NIP-62: removes every event by `pubkey` created at or before `until`, plus NIP-59 gift wraps
   * p-tagging it, and refuses them from then on. Returns the number of events removed.
   */
  vanish(pubkey: string, until: number, request?: StoredEvent): Promise<number>;
  /**
   * Live fan-out across processes: calls `listener` with each event (and each applied deletion or
   * vanish request) that ANOTHER process sharing this store commits, in commit order, once; never
   * with this process's own writes. Only shared backends have it (PostgreSQL). Returns an unsubscribe.
   */
  onCommitted?(listener: (stored: StoredEvent) => void): () => void;
  /**
   * With `onCommitted`: resolves once what other processes committed before the call has been
   * passed to its listeners. A REQ awaits it before EOSE, so its stored answer and the live
   * events that follow neither overlap nor leave a gap.
   */
  caughtUp?(): Promise<void>;
  /**
   * Operator moderation (NIP-86): erases the events with these ids and every event by these authors,
   * whoever wrote them, through the same erasing path as deletions, leaving no tombstone (refusing
   * them later is the moderation policy's job). Returns the number removed.
   */
  removeEvents(target: RemovalTarget): Promise<number>;
  /**
   * The operator's moderation lists, one row per entry, so every process sharing the database reads
   * the same lists. Reads what is committed.
   */
  moderationRows(): Promise<ModerationRow[]>;
  /** Durably upserts `put` and deletes `remove` (by list and subject) in one transaction. */
  changeModeration(put: readonly ModerationRow[], remove: ReadonlyArray<Omit<ModerationRow, 'value'>>): Promise<void>;
  /** Removes events whose NIP-40 `expiration` is at or before `now`. Returns the number removed. */
  purgeExpired(now: number): Promise<number>;
  /** Every stored event in insertion order, for export and mirroring; reads in pages. */
  iterate(): AsyncIterable<StoredEvent>;
  /** Commits anything pending and releases the backend. */
  close(): Promise<void>;
}

export { chunked, streamQuery } from './chunked.js';
export { collectSyncItems, type SyncItems, type SyncItemsOptions } from './sync-items.js';
import type { SyncItems, SyncItemsOptions } from './sync-items.js';
export * from './rules.js';
