import type { Filter, NostrEvent } from './types.js';
import { isHex64 } from './hex.js';
import { reason } from './reasons.js';
import { matchesSearch, normalizeHashtag, parseSearch } from './nip50.js';

/** Bounds applied while validating a filter. */
export interface FilterLimits {
  /** Most values allowed in any one array (ids, authors, kinds, #x). */
  maxValues: number;
  /** Longest `search` string, in characters (default: no bound). */
  maxSearchLength?: number;
  /** Most words a `search` may ask for (default: no bound). */
  maxSearchTerms?: number;
}

/** Outcome of validateFilter: a clean filter, or an `invalid:` reason. */
export type FilterResult = { ok: true; filter: Filter } | { ok: false; reason: string };

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
        for (const v of value) if (!isHex64(v)) return bad(`${key} must be 64-character lowercase hex`);
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
        if (limits.maxSearchLength !== undefined && value.length > limits.maxSearchLength) {
          return bad(`search is too long (max ${limits.maxSearchLength} characters)`);
        }
        if (limits.maxSearchTerms !== undefined) {
          const terms = parseSearch(value).terms.length;
          if (terms > limits.maxSearchTerms)
            return bad(`search has too many words (${terms}, max ${limits.maxSearchTerms})`);
        }
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

/** A filter turned into a predicate over events; `limit` is ignored. */
export type Matcher = (event: NostrEvent) => boolean;

/** How a reader of relay answers matches, where it differs from a relay. */
export interface MatchOptions {
  /** Skip `search`: relays match and rank NIP-50 queries their own way. */
  ignoreSearch?: boolean;
}

type Fold = (value: string) => string;

/**
 * The form in which a tag value is indexed and compared. Lifeline deviates from NIP-01's exact
 * match for `t` only: a hashtag is one tag however it was typed (Arabic or Persian letters and
 * digits, ZWNJ, case, a leading #), folded as search folds words (nip50.ts). Every other tag
 * value stays exact: ids, pubkeys, addresses and `d` identifiers must not collide.
 */
export function indexedTagValue(name: string, value: string): string {
  return name === 't' ? normalizeHashtag(value) : value;
}

/**
 * Compiles a filter once into a predicate: every value list becomes a Set and the search is
 * parsed, so testing an event allocates nothing and costs one lookup per condition. Live
 * subscriptions hold their filters compiled; the filter must not change afterwards.
 */
export function compileFilter(filter: Filter, options: MatchOptions = {}): Matcher {
  const ids = filter.ids ? new Set(filter.ids) : undefined;
  const kinds = filter.kinds ? new Set(filter.kinds) : undefined;
  const authors = filter.authors ? new Set(filter.authors) : undefined;
  const { since, until } = filter;
  const tags: Array<[letter: string, values: Set<string>, fold: Fold | undefined]> = [];
  for (const key in filter) {
    // Only '#x' keys; validateFilter guarantees they are exactly two characters.
    if (key.charCodeAt(0) !== 35 || key.length !== 2) continue;
    const values = filter[key as `#${string}`];
    if (!values) continue;
    const letter = key[1]!;
    const fold = letter === 't' ? normalizeHashtag : undefined;
    tags.push([letter, new Set(fold ? values.map(fold) : values), fold]);
  }
  const search = filter.search === undefined || options.ignoreSearch ? undefined : parseSearch(filter.search);
  return (event) => {
    if (ids && !ids.has(event.id)) return false;
    if (kinds && !kinds.has(event.kind)) return false;
    if (authors && !authors.has(event.pubkey)) return false;
    if (since !== undefined && event.created_at < since) return false;
    if (until !== undefined && event.created_at > until) return false;
    for (const [letter, values, fold] of tags) if (!hasTag(event, letter, values, fold)) return false;
    return search === undefined || matchesSearch(search, event);
  };
}

function hasTag(event: NostrEvent, letter: string, values: Set<string>, fold: Fold | undefined): boolean {
  for (const tag of event.tags) {
    const value = tag[1];
    if (tag[0] === letter && value !== undefined && values.has(fold ? fold(value) : value)) return true;
  }
  return false;
}

const compiled = new WeakMap<Filter, Matcher>();

/**
 * True when the event matches every condition of one filter (limit is ignored); compiles the filter on
 * first use, so a filter must not be changed after it has been matched.
 */
export function matchFilter(filter: Filter, event: NostrEvent): boolean {
  let match = compiled.get(filter);
  if (!match) compiled.set(filter, (match = compileFilter(filter)));
  return match(event);
}

/** NIP-01 order of query results: newest first, ties broken by the lowest id. */
export function compareNewestFirst(
  a: Pick<NostrEvent, 'created_at' | 'id'>,
  b: Pick<NostrEvent, 'created_at' | 'id'>,
): number {
  if (a.created_at !== b.created_at) return b.created_at - a.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** True when the event matches at least one of the filters (NIP-01 OR semantics). */
export function matchFilters(filters: readonly Filter[], event: NostrEvent): boolean {
  for (const filter of filters) {
    if (matchFilter(filter, event)) return true;
  }
  return false;
}
