import { normalizeHashtag } from './nostr-pure.js';
import type { Filter, SignedEvent } from './types.js';

/**
 * True when the event matches the filter (NIP-01). Used to drop events a relay sends that the
 * subscription never asked for. `search` is not checked (relays rank it their own way) and `#t`
 * compares normalized hashtags, because relays may fold them (Persian variants, case).
 */
export function matchesFilter(filter: Filter, e: SignedEvent): boolean {
  if (filter.ids && !filter.ids.includes(e.id)) return false;
  if (filter.kinds && !filter.kinds.includes(e.kind)) return false;
  if (filter.authors && !filter.authors.includes(e.pubkey)) return false;
  if (filter.since !== undefined && e.created_at < filter.since) return false;
  if (filter.until !== undefined && e.created_at > filter.until) return false;
  for (const key of Object.keys(filter)) {
    if (key[0] !== '#' || key.length !== 2) continue;
    const values = filter[key as `#${string}`];
    if (!values) continue;
    const name = key.slice(1);
    const fold = name === 't' ? normalizeHashtag : (v: string) => v;
    const wanted = new Set(values.map(fold));
    if (!e.tags.some((t) => t[0] === name && t[1] !== undefined && wanted.has(fold(t[1])))) return false;
  }
  return true;
}

/** True when the event matches any of the filters. */
export function matchesAny(filters: Filter[], e: SignedEvent): boolean {
  return filters.some((f) => matchesFilter(f, e));
}
