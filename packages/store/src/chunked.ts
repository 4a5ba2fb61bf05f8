import type { Filter } from '@lifeline/nostr';
import type { EventStore, QueryOptions, StoredEvent } from './index.js';

/** Events per chunk when a whole answer is cut up after the fact. */
const CHUNK_EVENTS = 250;

/**
 * `queryChunks` for a backend that only has `query`: its whole answer, cut into chunks. Checks
 * the signal before the query and before each chunk, as a streaming backend would.
 */
export function chunked(
  query: EventStore['query'],
): (filters: Filter[], options: QueryOptions) => AsyncIterable<StoredEvent[]> {
  return async function* (filters, options) {
    options.signal?.throwIfAborted();
    const all = await query(filters, options);
    for (let i = 0; i < all.length; i += CHUNK_EVENTS) {
      options.signal?.throwIfAborted();
      yield all.slice(i, i + CHUNK_EVENTS);
    }
  };
}

/** A query's answer in chunks from any store: its own `queryChunks`, or `chunked(query)`. */
export function streamQuery(store: EventStore, filters: Filter[], options: QueryOptions): AsyncIterable<StoredEvent[]> {
  if (store.queryChunks) return store.queryChunks(filters, options);
  return chunked((f, o) => store.query(f, o))(filters, options);
}
