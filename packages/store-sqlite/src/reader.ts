import type Database from 'better-sqlite3';
import type { Filter, NostrEvent } from '@lifeline/nostr';
import { effectiveLimit, type StoredEvent } from '@lifeline/store';
import { StatementCache, compileFilter, type CompiledFilter } from './query.js';
import { timelineBound } from './timeline.js';

type Row = [seq: number, createdAt: number, json: string];

const LIVE = '(e.expiration IS NULL OR e.expiration > ?)';

/** A StoredEvent whose parsed form is built only if someone reads it: the relay sends `json`. */
export function lazyStored(json: string): StoredEvent {
  let event: NostrEvent | undefined;
  return {
    json,
    get event(): NostrEvent {
      return (event ??= JSON.parse(json) as NostrEvent);
    },
  };
}

function whereOf(c: CompiledFilter): string {
  return c.where.length === 0 ? '1' : c.where.join(' AND ');
}

/** The read side: one SQL statement per filter shape, results merged newest first. */
export class Reader {
  readonly #cache: StatementCache;

  constructor(db: Database.Database) {
    this.#cache = new StatementCache(db);
  }

  /** Live events matching any filter, each filter's limit applied, deduplicated, newest first. */
  query(filters: readonly Filter[], maxLimit: number, now: number): StoredEvent[] {
    const perFilter: Row[][] = [];
    for (const filter of filters) {
      const limit = effectiveLimit(filter, maxLimit);
      const c = limit > 0 ? compileFilter(filter) : undefined;
      if (c) perFilter.push(this.#run(c, limit, now, timelineBound(this.#cache, filter, limit)));
    }
    if (perFilter.length === 1) return perFilter[0]!.map((r) => lazyStored(r[2]));
    const seen = new Map<number, Row>();
    for (const rows of perFilter) for (const r of rows) seen.set(r[0], r);
    const merged = [...seen.values()].map((r) => ({ at: r[1], stored: lazyStored(r[2]) }));
    merged.sort((a, b) => {
      if (a.at !== b.at) return b.at - a.at;
      const x = a.stored.event.id;
      const y = b.stored.event.id;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    return merged.map((m) => m.stored);
  }

  /**
   * Two steps keep big IN-lists fast: first find the created_at of the limit-th newest match from
   * the index alone (no row reads; expiration ignored), then read full rows only at or after it.
   * If expired rows inside that window left the page short, fall back to the plain query.
   */
  #run(c: CompiledFilter, limit: number, now: number, bound: number | undefined): Row[] {
    const where = whereOf(c);
    const boundary =
      bound ??
      (this.#cache
        .get(`b${c.key}`, () =>
          `SELECT ${c.time} FROM ${c.from} WHERE ${where} ORDER BY ${c.time} DESC LIMIT 1 OFFSET ?`,
        )
        .pluck()
        .get(...c.params, limit - 1) as number | undefined);
    const rows = (bounded: boolean): Row[] =>
      this.#cache
        .get(`r${bounded ? '>' : ''}${c.key}`, () =>
          `SELECT e.seq, e.created_at, e.json FROM ${c.from} WHERE ${where} AND ${LIVE}` +
          (bounded ? ` AND ${c.time} >= ?` : '') +
          ` ORDER BY ${c.time} DESC, e.id LIMIT ?`,
        )
        .raw()
        .all(...c.params, now, ...(bounded ? [boundary] : []), limit) as Row[];
    if (boundary === undefined) return rows(false);
    const page = rows(true);
    return page.length < limit ? rows(false) : page;
  }

  /** Number of distinct live events matching any filter (NIP-45); limits are ignored. */
  count(filters: readonly Filter[], now: number): number {
    const parts = filters.map((f) => compileFilter(f)).filter((c) => c !== undefined);
    if (parts.length === 0) return 0;
    const select = (c: CompiledFilter) => `SELECT e.seq FROM ${c.from} WHERE ${whereOf(c)} AND ${LIVE}`;
    const key = `c${parts.map((c) => c.key).join('|')}`;
    const stmt = this.#cache.get(key, () =>
      parts.length === 1
        ? `SELECT count(*) FROM ${parts[0]!.from} WHERE ${whereOf(parts[0]!)} AND ${LIVE}`
        : `SELECT count(*) FROM (${parts.map(select).join(' UNION ')})`,
    );
    return stmt.pluck().get(...parts.flatMap((c) => [...c.params, now])) as number;
  }
}
