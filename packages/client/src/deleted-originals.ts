import { DELETION_KIND, deletionTargets } from '@lifeline/nostr';
import type { Filter, SignedEvent } from './types.js';

/*
 * The client side of docs/protocol.md "Deleted posts and reposts": a repost or quote whose
 * original has a deletion request from that original's own author shows the author deleted it,
 * whatever relay the repost came from (other relays may keep serving the copy).
 */

/** The post a repost or quote shows: its id and its author. */
export interface OriginalRef {
  id: string;
  pubkey: string;
}

/** Ids per filter: a relay's filter limits stay far away, and one filter serves a whole screen. */
export const DELETION_LOOKUP_CHUNK = 100;

/** Filters asking for the deletion requests the originals' authors may have made, in chunks. */
export function deletionRequestFilters(originals: readonly OriginalRef[]): Filter[] {
  const filters: Filter[] = [];
  for (let i = 0; i < originals.length; i += DELETION_LOOKUP_CHUNK) {
    const chunk = originals.slice(i, i + DELETION_LOOKUP_CHUNK);
    filters.push({
      kinds: [DELETION_KIND],
      authors: [...new Set(chunk.map((o) => o.pubkey))],
      '#e': [...new Set(chunk.map((o) => o.id))],
    });
  }
  return filters;
}

/** The ids among `originals` that a request in `requests`, signed by the original's own author, deletes. */
export function deletedOriginals(
  originals: readonly OriginalRef[],
  requests: readonly Pick<SignedEvent, 'kind' | 'pubkey' | 'tags'>[],
): Set<string> {
  const deletedBy = new Map<string, Set<string>>();
  for (const request of requests) {
    for (const id of deletionTargets(request).ids) {
      const authors = deletedBy.get(id) ?? new Set<string>();
      authors.add(request.pubkey);
      deletedBy.set(id, authors);
    }
  }
  return new Set(originals.filter((o) => deletedBy.get(o.id)?.has(o.pubkey)).map((o) => o.id));
}
