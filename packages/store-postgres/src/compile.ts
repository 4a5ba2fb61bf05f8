import { indexedTagValue, isHex64, type Filter } from '@lifeline/nostr';
import { tsqueryOf } from './search.js';

/** Positional parameters of one statement: `add` returns the typed placeholder to splice into SQL. */
export class Params {
  readonly values: unknown[] = [];

  /** `$n::cast` for `value`. */
  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }
}

/** What each matching row carries before its JSON is read: enough to merge, order, cut and fetch it. */
export const KEY_COLUMNS = 'e.seq, e.created_at, e.id, octet_length(e.json) AS bytes';

/** The NIP-40 check every read applies: expired events are hidden until purged. */
export const live = (now: string) => `(e.expiration IS NULL OR e.expiration > ${now})`;

const hexArray = (placeholder: string) => `ARRAY(SELECT decode(x, 'hex') FROM unnest(${placeholder}) x)`;

/** The `#x` keys of a filter, in a fixed order, as matchFilter reads them (one UTF-16 unit after '#'). */
function tagKeys(filter: Filter): string[] {
  return Object.keys(filter)
    .filter((k) => k.length === 2 && k[0] === '#' && filter[k as `#${string}`] !== undefined)
    .sort();
}

/**
 * The dimension a limited query walks one index range per value of, newest first, so that each
 * range stops after `limit` rows: PostgreSQL 15 cannot merge several ranges of an index in order,
 * and without this a home timeline would read and sort every post of every followed author.
 */
type Driver =
  | { by: 'authors'; authors: string[]; kinds?: number[] }
  | { by: 'tag'; name: string; values: string[] }
  | { by: 'kinds'; kinds: number[] };

/** A filter made ready for SQL: its valid, deduplicated values, or undefined when it matches nothing. */
interface Prepared {
  filter: Filter;
  ids?: string[];
  authors?: string[];
  kinds?: number[];
  tags: [name: string, values: string[]][];
  query?: string;
}

function prepare(filter: Filter): Prepared | undefined {
  const p: Prepared = { filter, tags: [] };
  if (filter.ids) {
    p.ids = [...new Set(filter.ids.filter(isHex64))];
    if (p.ids.length === 0) return undefined;
  }
  if (filter.authors) {
    p.authors = [...new Set(filter.authors.filter(isHex64))];
    if (p.authors.length === 0) return undefined;
  }
  if (filter.kinds) {
    p.kinds = [...new Set(filter.kinds.filter((k) => Number.isSafeInteger(k)))];
    if (p.kinds.length === 0) return undefined;
  }
  for (const key of tagKeys(filter)) {
    // PostgreSQL text cannot hold NUL, and no stored tag value has one (save skips them).
    // `t` rows hold folded hashtags (indexedTagValue), so the asked values are folded the same way.
    const given = filter[key as `#${string}`]!.map((v) => indexedTagValue(key[1]!, v));
    const values = [...new Set(given.filter((v) => !v.includes('\0')))];
    if (values.length === 0) return undefined;
    p.tags.push([key[1]!, values]);
  }
  if (filter.search !== undefined) p.query = tsqueryOf(filter.search);
  return p;
}

function driverOf(p: Prepared): Driver | undefined {
  if (p.ids) return undefined;
  if (p.authors) {
    const pairs = p.kinds ? p.authors.length * p.kinds.length : 0;
    return { by: 'authors', authors: p.authors, ...(p.kinds && pairs <= 1000 ? { kinds: p.kinds } : {}) };
  }
  // A search is best found through its GIN index, whatever else the filter says.
  if (p.query !== undefined) return undefined;
  const tag = p.tags[0];
  if (tag) return { by: 'tag', name: tag[0], values: tag[1] };
  if (p.kinds) return { by: 'kinds', kinds: p.kinds };
  return undefined;
}

/** WHERE conditions on `e` for everything the driver does not already guarantee. */
function conditions(p: Prepared, params: Params, driver: Driver | undefined): string[] {
  const where: string[] = [];
  const { filter } = p;
  if (p.ids) where.push(`e.id = ANY (${hexArray(params.add(p.ids, 'text[]'))})`);
  if (p.authors && driver?.by !== 'authors')
    where.push(`e.pubkey = ANY (${hexArray(params.add(p.authors, 'text[]'))})`);
  const kindsDriven = driver?.by === 'kinds' || (driver?.by === 'authors' && driver.kinds);
  if (p.kinds && !kindsDriven) where.push(`e.kind = ANY (${params.add(p.kinds, 'int[]')})`);
  p.tags.forEach(([name, values], i) => {
    if (driver?.by === 'tag' && i === 0) return;
    const t = `t${i}`;
    where.push(
      `EXISTS (SELECT 1 FROM tags ${t} WHERE ${t}.event = e.seq AND ${t}.name = ${params.add(name, 'text')} ` +
        `AND ${t}.value = ANY (${params.add(values, 'text[]')}))`,
    );
  });
  if (filter.since !== undefined) where.push(`e.created_at >= ${params.add(filter.since, 'bigint')}`);
  if (filter.until !== undefined) where.push(`e.created_at <= ${params.add(filter.until, 'bigint')}`);
  if (p.query !== undefined) where.push(`e.words @@ ${params.add(p.query, 'tsquery')}`);
  return where;
}

/**
 * One filter's keys, newest first (ties by lowest id), at most `limit`, live at `now`; undefined
 * when the filter matches nothing. Statements differ only by shape, so they are prepared once.
 */
export function keysStatement(
  filter: Filter,
  limit: number,
  now: number,
): { text: string; values: unknown[] } | undefined {
  const p = prepare(filter);
  if (p === undefined) return undefined;
  const params = new Params();
  const driver = driverOf(p);
  // Parameters are numbered in the order they are added: the driver's first.
  let from = '';
  let scan = 'events e';
  let order = 'e.created_at DESC, e.id';
  const extra: string[] = [];
  if (driver?.by === 'authors') {
    from = `unnest(${params.add(driver.authors, 'text[]')}) a (pk)`;
    extra.push("e.pubkey = decode(a.pk, 'hex')");
    if (driver.kinds) {
      from += ` CROSS JOIN unnest(${params.add(driver.kinds, 'int[]')}) k (kind)`;
      extra.push('e.kind = k.kind');
    }
  } else if (driver?.by === 'kinds') {
    from = `unnest(${params.add(driver.kinds, 'int[]')}) k (kind)`;
    extra.push('e.kind = k.kind');
  } else if (driver?.by === 'tag') {
    from = `unnest(${params.add(driver.values, 'text[]')}) v (value)`;
    scan = 'tags t JOIN events e ON e.seq = t.event';
    order = 't.created_at DESC, e.id';
    extra.push(`t.name = ${params.add(driver.name, 'text')}`, 't.value = v.value');
  }
  const where = [...extra, ...conditions(p, params, driver), live(params.add(now, 'bigint'))].join(' AND ');
  const n = params.add(limit, 'int');
  if (driver === undefined) {
    return {
      text: `SELECT ${KEY_COLUMNS} FROM ${scan} WHERE ${where} ORDER BY ${order} LIMIT ${n}`,
      values: params.values,
    };
  }
  if (driver.by === 'tag') {
    // Tag values can share an event: keep each once before the final cut.
    const distinct = driver.values.length > 1 ? 'DISTINCT ' : '';
    const inner = `SELECT ${KEY_COLUMNS} FROM ${scan} WHERE ${where} ORDER BY ${order} LIMIT ${n}`;
    return {
      text: `SELECT * FROM (SELECT ${distinct}x.* FROM ${from} CROSS JOIN LATERAL (${inner}) x) y ORDER BY y.created_at DESC, y.id LIMIT ${n}`,
      values: params.values,
    };
  }
  // Authors and kinds: each range yields (created_at, id) from its index alone, the newest `limit`
  // of all ranges are kept, and only those rows are read (a 50-author timeline reads 100 rows, not 5,000).
  const inner = `SELECT e.created_at, e.id FROM events e WHERE ${where} ORDER BY e.created_at DESC, e.id LIMIT ${n}`;
  const top = `SELECT x.created_at, x.id FROM ${from} CROSS JOIN LATERAL (${inner}) x ORDER BY x.created_at DESC, x.id LIMIT ${n}`;
  return {
    text: `SELECT ${KEY_COLUMNS} FROM (${top}) top JOIN events e ON e.id = top.id ORDER BY top.created_at DESC, top.id`,
    values: params.values,
  };
}

/** NIP-45: the number of distinct live events matching any filter; undefined when none can match. */
export function countStatement(
  filters: readonly Filter[],
  now: number,
): { text: string; values: unknown[] } | undefined {
  const params = new Params();
  const parts: string[] = [];
  for (const filter of filters) {
    const p = prepare(filter);
    if (p === undefined) continue;
    const where = [...conditions(p, params, undefined), live(params.add(now, 'bigint'))].join(' AND ');
    parts.push(`SELECT e.seq FROM events e WHERE ${where}`);
  }
  if (parts.length === 0) return undefined;
  const text =
    parts.length === 1
      ? `SELECT count(*)::int AS n FROM (${parts[0]}) c`
      : `SELECT count(*)::int AS n FROM (${parts.join(' UNION ')}) c`;
  return { text, values: params.values };
}

/**
 * NIP-77 sync records: (created_at, id) of every live event matching any filter, limits ignored,
 * ascending, at most `limit` rows; undefined when none can match.
 */
export function syncStatement(
  filters: readonly Filter[],
  now: number,
  limit: number,
): { text: string; values: unknown[] } | undefined {
  const params = new Params();
  const parts: string[] = [];
  for (const filter of filters) {
    const p = prepare(filter);
    if (p === undefined) continue;
    const where = [...conditions(p, params, undefined), live(params.add(now, 'bigint'))].join(' AND ');
    parts.push(`SELECT e.created_at, e.id FROM events e WHERE ${where}`);
  }
  if (parts.length === 0) return undefined;
  const text = `SELECT created_at, id FROM (${parts.join(' UNION ')}) s ORDER BY created_at, id LIMIT ${params.add(limit, 'bigint')}`;
  return { text, values: params.values };
}
