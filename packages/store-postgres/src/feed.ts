import { randomUUID } from 'node:crypto';
import type { StoredEvent } from '@lifeline/store';
import type { Sql, TransactionSql } from 'postgres';

/**
 * Live fan-out across processes sharing one database. Each write transaction appends what it
 * committed (the saved events' seqs, a deletion or vanish request's JSON) to `feed` under one
 * advisory lock taken last, so `pos` order is commit order and a row is visible only once every
 * lower `pos` is: a follower reading `pos > cursor` can never skip a row that commits later.
 * NOTIFY (sent at COMMIT) carries the new highest `pos` and only wakes followers; what they
 * deliver always comes from the catch-up read, so a lost notification or a dropped LISTEN
 * connection costs latency, never an event.
 */
export const FEED_SCHEMA = `
CREATE TABLE IF NOT EXISTS feed (
  pos bigint PRIMARY KEY,
  origin text NOT NULL,   -- the store instance (process) that committed it
  seq bigint,             -- a stored event
  json text,              -- or a request that is not a row (deletion applied, NIP-62 vanish)
  at timestamptz NOT NULL DEFAULT now()
);

CREATE OR REPLACE FUNCTION lifeline_feed(p_origin text, p_seqs bigint[], p_jsons text[])
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  base bigint;
  n integer := coalesce(array_length(p_seqs, 1), 0);
BEGIN
  -- Held to COMMIT: the next transaction's rows get higher positions and become visible later.
  PERFORM pg_advisory_xact_lock(7447002);
  SELECT coalesce(max(pos), 0) INTO base FROM feed;
  INSERT INTO feed (pos, origin, seq, json)
    SELECT base + o, p_origin, s, j FROM unnest(p_seqs, p_jsons) WITH ORDINALITY AS u (s, j, o);
  -- Followers that fell five minutes behind re-read from their store instead; the newest row stays
  -- so positions keep growing.
  IF (base + n) / 1000 > base / 1000 THEN
    DELETE FROM feed WHERE at < now() - interval '5 minutes' AND pos < base + n;
  END IF;
  PERFORM pg_notify('lifeline_feed', (base + n)::text);
  RETURN base + n;
END $$;
`;

/** One entry a write transaction adds to the feed: a saved event's seq or a request's JSON. */
export type FeedEntry = { seq: number } | { json: string };

/** Appends `entries` in order inside `tx`; the last statement of a write transaction. */
export async function appendFeed(tx: TransactionSql, origin: string, entries: readonly FeedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const seqs = entries.map((e) => ('seq' in e ? e.seq : null));
  const jsons = entries.map((e) => ('json' in e ? e.json : null));
  await tx.unsafe('SELECT lifeline_feed($1::text, $2::bigint[], $3::text[])', [origin, seqs, jsons] as never[], {
    prepare: true,
  });
}

const READ = `SELECT f.pos, f.origin, coalesce(e.json, f.json) AS json FROM feed f
  LEFT JOIN events e ON e.seq = f.seq WHERE f.pos > $1::bigint ORDER BY f.pos LIMIT 1000`;

/**
 * Follows the feed for one store: listeners get, in commit order and once, what OTHER processes
 * committed (this process's relay already delivered its own). Events deleted before they are read
 * are skipped.
 */
export class FeedFollower {
  /** This store's name in `feed.origin`. */
  readonly origin = randomUUID();
  readonly #listeners = new Set<(stored: StoredEvent) => void>();
  #cursor: number | undefined;
  #reading: Promise<void> | undefined;
  #again = false;
  #stop: (() => Promise<void>) | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #ready: () => void = () => undefined;
  #waiters: Array<{ target: number; resolve: () => void }> = [];
  /** Resolves once the follower is listening and its cursor is set. */
  readonly ready: Promise<void> = new Promise((resolve) => (this.#ready = resolve));

  constructor(
    private readonly sql: Sql,
    private readonly pollMs = 2000,
    private readonly onError: (error: Error) => void = () => undefined,
    /** Runs before rows are delivered, so reads after a live delivery see them (read-replica.ts). */
    private readonly beforeDeliver: () => Promise<void> = async () => {},
  ) {}

  /** Sets the cursor at the feed's current end: listeners get what commits from now on. */
  async mark(): Promise<void> {
    const [row] = await this.sql`SELECT coalesce(max(pos), 0)::bigint AS pos FROM feed`;
    this.#cursor ??= Number(row!.pos);
  }

  /** Adds a listener; the first one starts LISTEN. Returns an unsubscribe. */
  add(listener: (stored: StoredEvent) => void): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1 && !this.#stop && !this.#closed) void this.#start();
    return () => this.#listeners.delete(listener);
  }

  async #start(): Promise<void> {
    try {
      await this.mark();
      // onlisten runs on every (re)connect of the LISTEN connection: catch up what it missed.
      const sub = await this.sql.listen(
        'lifeline_feed',
        () => this.wake(),
        () => this.wake(),
      );
      this.#stop = () => sub.unlisten();
      // A safety net for a notification lost while the listening connection was being replaced.
      this.#timer = setInterval(() => this.wake(), this.pollMs);
      this.#timer.unref();
      this.#ready();
    } catch (error) {
      this.onError(error as Error);
    }
  }

  /**
   * Resolves once every row committed before the call has been passed to the listeners (at most
   * `timeoutMs` later if the feed cannot be read). A REQ waits for it before EOSE, so an event its
   * stored answer already held is not delivered again live when the feed brings it a moment later.
   */
  async caughtUp(timeoutMs = 2000): Promise<void> {
    if (this.#closed || this.#cursor === undefined || this.#listeners.size === 0) return;
    const [row] = await this.sql`SELECT coalesce(max(pos), 0)::bigint AS pos FROM feed`;
    const target = Number(row!.pos);
    if (this.#cursor >= target) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push({
        target,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
      this.wake();
    });
  }

  /** Reads everything past the cursor (again, if woken meanwhile). */
  wake(): void {
    if (this.#closed || this.#cursor === undefined) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    this.#reading = this.#drain()
      .catch((error: Error) => this.onError(error))
      .finally(() => {
        this.#reading = undefined;
        if (this.#again) {
          this.#again = false;
          this.wake();
        }
      });
  }

  async #drain(): Promise<void> {
    for (;;) {
      const rows = await this.sql.unsafe(READ, [this.#cursor!] as never[], { prepare: true });
      if (rows.some((row) => row.origin !== this.origin && row.json !== null)) await this.beforeDeliver();
      for (const row of rows) {
        this.#cursor = Number(row.pos);
        if (row.origin === this.origin || row.json === null) continue;
        const json = row.json as string;
        const stored = { json, event: JSON.parse(json) };
        for (const listener of this.#listeners) listener(stored);
      }
      const cursor = this.#cursor!;
      const done = this.#waiters.filter((w) => w.target <= cursor);
      this.#waiters = this.#waiters.filter((w) => w.target > cursor);
      for (const w of done) w.resolve();
      if (rows.length < 1000 || this.#closed) return;
    }
  }

  /** Stops listening. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    for (const w of this.#waiters.splice(0)) w.resolve();
    await this.#reading;
    await this.#stop?.().catch(() => undefined);
  }
}
