import { compileFilter, type MatchOptions } from '@lifeline/nostr';
import type { Filter, SignedEvent } from './types.js';

// A client checks what relays send against what it asked for, but cannot re-run a relay's NIP-50
// ranking. `#t` compares folded hashtags, as the matcher always does (docs/protocol.md).
const READER: MatchOptions = { ignoreSearch: true };

/**
 * True when the event matches the filter (NIP-01, @lifeline/nostr's matcher). Used to drop events
 * a relay sends that the subscription never asked for: `search` is not checked and `#t` compares
 * normalized hashtags. Compiled per call, so callers may reuse and change their filters.
 */
export function matchesFilter(filter: Filter, e: SignedEvent): boolean {
  return compileFilter(filter, READER)(e);
}

/** True when the event matches any of the filters. */
export function matchesAny(filters: Filter[], e: SignedEvent): boolean {
  return filters.some((f) => matchesFilter(f, e));
}
