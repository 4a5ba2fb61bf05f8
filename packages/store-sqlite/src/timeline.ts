import { isHex64, type Filter } from '@lifeline/nostr';
import type { StatementCache } from './query.js';

/**
 * A lower bound on created_at for the home-timeline shape — authors, optionally kinds and a time
 * range, nothing else: the newest `limit` matches all lie at or after the `limit`-th newest event
 * of the busiest (author, kind) pair, which each pair finds by a short walk of the covering index.
 * This keeps a prolific author from making the query read and sort its whole history.
 * Undefined when the shape does not apply or no pair has `limit` events.
 */
export function timelineBound(cache: StatementCache, filter: Filter, limit: number): number | undefined {
  const { authors, kinds } = filter;
  if (!authors || authors.length < 2 || filter.ids || filter.search !== undefined) return undefined;
  if (Object.keys(filter).some((k) => k[0] === '#')) return undefined;
  const kindList: (number | undefined)[] = kinds ?? [undefined];
  if (kindList.length === 0 || authors.length * kindList.length > 1000) return undefined;
  const range: number[] = [];
  let rangeSql = '';
  if (filter.since !== undefined) {
    rangeSql += ' AND created_at >= ?';
    range.push(filter.since);
  }
  if (filter.until !== undefined) {
    rangeSql += ' AND created_at <= ?';
    range.push(filter.until);
  }
  const byKind = kinds !== undefined;
  const index = byKind ? 'events_pubkey_kind_time' : 'events_pubkey_time';
  const edge = cache
    .get(
      `tl-edge${byKind}${rangeSql}`,
      () =>
        `SELECT created_at FROM events INDEXED BY ${index} WHERE pubkey = ?${byKind ? ' AND kind = ?' : ''}${rangeSql}` +
        ' ORDER BY created_at DESC LIMIT 1 OFFSET ?',
    )
    .pluck();
  let bound: number | undefined;
  for (const author of authors) {
    if (!isHex64(author)) continue;
    const key = Buffer.from(author, 'hex');
    for (const kind of kindList) {
      const at = (byKind ? edge.get(key, kind, ...range, limit - 1) : edge.get(key, ...range, limit - 1)) as
        | number
        | undefined;
      if (at !== undefined && (bound === undefined || at > bound)) bound = at;
    }
  }
  return bound;
}
