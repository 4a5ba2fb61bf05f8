import type Database from 'better-sqlite3';
import { indexedTagValue, isHex64, parseSearch, type Filter } from '@lifeline/nostr';

/**
 * One filter compiled to SQL fragments. `key` names the statement shape (which fields, how many
 * values) so statements are prepared once per shape and only parameters vary.
 */
export interface CompiledFilter {
  key: string;
  from: string;
  /** The column that orders results: the tag row's copy when a tag drives the scan. */
  time: string;
  where: string[];
  params: unknown[];
}

// Above this many values a list travels as one JSON parameter, keeping the shape count bounded
// and staying far from SQLite's variable limit.
const INLINE_MAX = 200;

function inList(
  column: string,
  values: readonly unknown[],
  encode: 'blob' | 'plain',
  c: CompiledFilter,
  tag: string,
): void {
  if (values.length > INLINE_MAX) {
    const element = encode === 'blob' ? 'unhex(value)' : 'value';
    c.where.push(`${column} IN (SELECT ${element} FROM json_each(?))`);
    c.params.push(JSON.stringify(values));
    c.key += `${tag}*`;
    return;
  }
  c.where.push(`${column} IN (${values.map(() => '?').join(',')})`);
  for (const v of values) c.params.push(encode === 'blob' ? Buffer.from(v as string, 'hex') : v);
  c.key += `${tag}${values.length}`;
}

/** FTS5 query: every term as a quoted prefix, implicitly AND'ed (NIP-50 as nip50.ts defines it). */
export function matchExpression(search: string): string | undefined {
  const { terms } = parseSearch(search);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `"${t.replaceAll('"', '""')}"*`).join(' ');
}

/** Compiles one filter (without its limit or the expiration check); undefined matches nothing. */
export function compileFilter(filter: Filter): CompiledFilter | undefined {
  const c: CompiledFilter = { key: '', from: 'events e', time: 'e.created_at', where: [], params: [] };
  if (filter.ids) {
    const ids = filter.ids.filter(isHex64);
    if (ids.length === 0) return undefined;
    inList('e.id', ids, 'blob', c, 'i');
  }
  if (filter.authors) {
    const authors = filter.authors.filter(isHex64);
    if (authors.length === 0) return undefined;
    inList('e.pubkey', authors, 'blob', c, 'a');
    // Without this the planner likes walking (kind, created_at) in order to skip the sort, and
    // reads every post of that kind looking for the followed authors: authors are more selective.
    if (!filter.ids) {
      c.from = `events e INDEXED BY ${filter.kinds ? 'events_pubkey_kind_time' : 'events_pubkey_time'}`;
    }
  }
  if (filter.kinds) {
    if (filter.kinds.length === 0) return undefined;
    inList('e.kind', filter.kinds, 'plain', c, 'k');
  }
  for (const key of Object.keys(filter).sort()) {
    // Only `#x` keys with one UTF-16 unit after '#', as matchFilter in @lifeline/nostr reads them.
    if (key.length !== 2 || key[0] !== '#') continue;
    const given = filter[key as `#${string}`];
    if (given === undefined) continue;
    if (given.length === 0) return undefined;
    // `t` rows hold folded hashtags (indexedTagValue), so the asked values are folded the same way.
    const values = key === '#t' ? [...new Set(given.map((v) => indexedTagValue('t', v)))] : given;
    c.params.push(key[1]);
    if (values.length === 1 && c.from === 'events e' && !filter.ids) {
      // A single-valued tag drives the scan through its (name, value, created_at) key, already
      // newest first, so a limited query stops early instead of sorting every match.
      c.from = 'tags t JOIN events e ON e.seq = t.event';
      c.time = 't.created_at';
      c.where.push('t.name = ?', 't.value = ?');
      c.params.push(values[0]);
      c.key += `T${key[1]}`;
      continue;
    }
    c.where.push(`e.seq IN (SELECT event FROM tags WHERE name = ? AND ${placeholderList(values, c)})`);
    c.key += `t${key[1]}`;
  }
  if (filter.since !== undefined) {
    c.where.push(`${c.time} >= ?`);
    c.params.push(filter.since);
    c.key += 's';
  }
  if (filter.until !== undefined) {
    c.where.push(`${c.time} <= ?`);
    c.params.push(filter.until);
    c.key += 'u';
  }
  if (filter.search !== undefined) {
    const match = matchExpression(filter.search);
    if (match !== undefined) {
      c.where.push('e.seq IN (SELECT rowid FROM search WHERE search MATCH ?)');
      c.params.push(match);
      c.key += 'q';
    }
  }
  return c;
}

function placeholderList(values: readonly string[], c: CompiledFilter): string {
  if (values.length > INLINE_MAX) {
    c.params.push(JSON.stringify(values));
    c.key += '*';
    return 'value IN (SELECT value FROM json_each(?))';
  }
  c.params.push(...values);
  c.key += values.length;
  return `value IN (${values.map(() => '?').join(',')})`;
}

/** Prepared statements by shape; bounded so hostile filter variety cannot grow it forever. */
export class StatementCache {
  readonly #db: Database.Database;
  readonly #cache = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The statement for `key`, preparing `sql()` on first use. */
  get(key: string, sql: () => string): Database.Statement {
    let stmt = this.#cache.get(key);
    if (stmt === undefined) {
      if (this.#cache.size >= 2000) this.#cache.clear();
      stmt = this.#db.prepare(sql());
      this.#cache.set(key, stmt);
    }
    return stmt;
  }
}
