import { reason, type Filter } from '@lifeline/nostr';
import type { RejectFilter } from './types.js';

/** Rejects a REQ or COUNT with more than `n` filters. */
export function maxFilters(n: number): RejectFilter {
  return (filters) =>
    filters.length > n ? reason('invalid', `too many filters (${filters.length}, max ${n})`) : undefined;
}

/** Rejects filters with more than `n` values in any one array (ids, authors, kinds, #x). */
export function maxFilterValues(n: number): RejectFilter {
  return (filters) => {
    for (const filter of filters) {
      for (const key in filter) {
        const value = filter[key as keyof Filter];
        if (Array.isArray(value) && value.length > n) {
          return reason('invalid', `too many values in ${key} (${value.length}, max ${n})`);
        }
      }
    }
    return undefined;
  };
}
