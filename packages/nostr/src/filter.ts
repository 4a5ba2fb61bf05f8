import type { Filter, NostrEvent } from './types.js';
import { reason } from './reasons.js';
import { matchesSearch, parseSearch, type ParsedSearch } from './nip50.js';

/** Bounds applied while validating a filter. */
export interface FilterLimits {
  /** Most values allowed in any one array (ids, authors, kinds, #x). */
  maxValues: number;
}

/** Outcome of validateFilter: a clean filter, or an `invalid:` reason. */
export type FilterResult = { ok: true; filter: Filter } | { ok: false; reason: string };

const HEX64 = /^[0-9a-f]{64}$/;
const TAG_KEY = /^#[a-zA-Z]$/;

function isNonNegativeInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** Checks an untrusted REQ/COUNT filter against NIP-01 and copies only the known keys. */
export function validateFilter(input: unknown, limits: FilterLimits): FilterResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: reason('invalid', 'filter must be an object') };
  }
  const filter: Filter = {};
  for (const [key, value] of Object.entries(input)) {
    switch (key) {
      case 'ids':
      case 'authors': {
        if (!Array.isArray(value)) return bad(`${key} must be an array`);
        if (value.length > limits.maxValues) return tooMany(key, limits);
        for (const v of value) {
          if (typeof v !== 'string' || !HEX64.test(v)) {
            return bad(`${key} must be 64-character lowercase hex`);
          }
        }
        filter[key] = value as string[];
        break;
      }
      case 'kinds': {
        if (!Array.isArray(value)) return bad('kinds must be an array');
        if (value.length > limits.maxValues) return tooMany(key, limits);
        for (const v of value) {
          if (!isNonNegativeInt(v) || v > 65535) return bad('kinds must be integers 0..65535');
        }
        filter.kinds = value as number[];
        break;
      }
      case 'since':
      case 'until':
      case 'limit': {
        if (!isNonNegativeInt(value)) return bad(`${key} must be a non-negative integer`);
        filter[key] = value;
        break;
      }
      case 'search': {
        if (typeof value !== 'string') return bad('search must be a string');
        filter.search = value;
        break;
      }
      default: {
        if (!TAG_KEY.test(key)) return bad(`unknown filter key ${JSON.stringify(key)}`);
        if (!Array.isArray(value)) return bad(`${key} must be an array`);
        if (value.length > limits.maxValues) return tooMany(key, limits);
        for (const v of value) {
          if (typeof v !== 'string') return bad(`${key} values must be strings`);
        }
        filter[key as `#${string}`] = value as string[];
      }
    }
  }
  return { ok: true, filter };
}

function bad(message: string): FilterResult {
  return { ok: false, reason: reason('invalid', message) };
}

function tooMany(key: string, limits: FilterLimits): FilterResult {
  return bad(`too many values in ${key} (max ${limits.maxValues})`);
}

// Per-filter caches so matching an event allocates nothing once a filter has been seen.
const SET_THRESHOLD = 16;
const sets = new WeakMap<readonly unknown[], Set<unknown>>();
const searches = new WeakMap<Filter, ParsedSearch>();

/** Membership test that switches to a cached Set for long arrays. */
function contains<T>(values: readonly T[], value: T): boolean {
  if (values.length <= SET_THRESHOLD) return values.includes(value);
  let set = sets.get(values);
  if (!set) {
    set = new Set(values);
    sets.set(values, set);
  }
  return set.has(value);
}

/** True when the event matches every condition of one filter (limit is ignored). */
export function matchFilter(filter: Filter, event: NostrEvent): boolean {
  if (filter.ids && !contains(filter.ids, event.id)) return false;
  if (filter.kinds && !contains(filter.kinds, event.kind)) return false;
  if (filter.authors && !contains(filter.authors, event.pubkey)) return false;
  if (filter.since !== undefined && event.created_at < filter.since) return false;
  if (filter.until !== undefined && event.created_at > filter.until) return false;
  for (const key in filter) {
    // Only '#x' keys; validateFilter guarantees they are exactly two characters.
    if (key.charCodeAt(0) !== 35 || key.length !== 2) continue;
    const values = filter[key as `#${string}`];
    if (values && !hasTag(event, key.charCodeAt(1), values)) return false;
  }
  if (filter.search !== undefined) {
    let parsed = searches.get(filter);
    if (!parsed) {
      parsed = parseSearch(filter.search);
      searches.set(filter, parsed);
    }
    if (!matchesSearch(parsed, event)) return false;
  }
  return true;
}

function hasTag(event: NostrEvent, letter: number, values: readonly string[]): boolean {
  if (values.length === 0) return false;
  for (const tag of event.tags) {
    const name = tag[0];
    const value = tag[1];
    if (
      name !== undefined &&
      value !== undefined &&
      name.length === 1 &&
      name.charCodeAt(0) === letter &&
      contains(values, value)
    ) {
      return true;
    }
  }
  return false;
}

/** True when the event matches at least one of the filters (NIP-01 OR semantics). */
export function matchFilters(filters: readonly Filter[], event: NostrEvent): boolean {
  for (const filter of filters) {
    if (matchFilter(filter, event)) return true;
  }
  return false;
}
