import type { NostrEvent } from './types.js';
import { isHex64 } from './hex.js';
import { DELETION_KIND, GENERIC_REPOST_KIND, REPOST_KIND, isAddressable, isReplaceable } from './kinds.js';
import { parseAddress, type Address } from './replaceable.js';

/** What a NIP-09 request may delete: event ids, and the author's own `kind:pubkey:d` addresses. */
export interface DeletionTargets {
  /** Ids from `e` tags, each once. The author check happens against the stored event. */
  ids: string[];
  /** Addresses from `a` tags naming the requester; d is '' for replaceable kinds. */
  addresses: Address[];
}

/**
 * Reads the `e` and `a` tags of a kind-5 request; other events have no targets. Addresses naming
 * another pubkey or a kind that is neither replaceable nor addressable are dropped (NIP-09: only
 * the author's own events; `a` tags are for replaceable and addressable ones).
 */
export function deletionTargets(request: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>): DeletionTargets {
  const ids: string[] = [];
  const addresses: Address[] = [];
  if (request.kind !== DELETION_KIND) return { ids, addresses };
  for (const [name, value] of request.tags) {
    if (value === undefined) continue;
    if (name === 'e' && isHex64(value)) {
      if (!ids.includes(value)) ids.push(value);
    } else if (name === 'a') {
      const target = parseAddress(value);
      if (!target || target.pubkey !== request.pubkey) continue;
      if (isAddressable(target.kind)) addresses.push(target);
      else if (isReplaceable(target.kind)) addresses.push({ ...target, d: '' });
    }
  }
  return { ids, addresses };
}

/** The event a NIP-18 repost (kind 6 or 16) copies: its id and its author. */
export interface RepostedEvent {
  id: string;
  pubkey: string;
}

/**
 * What a kind-6 or kind-16 repost copies: the id of its first `e` tag, and the author from the
 * embedded event when that event carries the same id, else from the first `p` tag. Undefined for
 * other kinds, or when either is missing (such a repost names no author whose deletion could cover it).
 */
export function repostedEvent(repost: Pick<NostrEvent, 'kind' | 'tags' | 'content'>): RepostedEvent | undefined {
  if (repost.kind !== REPOST_KIND && repost.kind !== GENERIC_REPOST_KIND) return undefined;
  const id = repost.tags.find((t) => t[0] === 'e')?.[1];
  if (!isHex64(id)) return undefined;
  const embedded = embeddedAuthor(repost.content, id);
  if (embedded !== undefined) return { id, pubkey: embedded };
  const p = repost.tags.find((t) => t[0] === 'p')?.[1];
  return isHex64(p) ? { id, pubkey: p } : undefined;
}

/** The pubkey of the event embedded in a repost's content, when it is that event (same id). */
function embeddedAuthor(content: string, id: string): string | undefined {
  if (!content.startsWith('{')) return undefined;
  try {
    const inner = JSON.parse(content) as { id?: unknown; pubkey?: unknown };
    return inner.id === id && isHex64(inner.pubkey) ? inner.pubkey : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lifeline's rule (docs/protocol.md "Deleted posts and reposts"): a repost is withheld once the
 * author of the event it copies asks to delete that event, whichever of the two arrives first.
 */
export function deletionWithholdsRepost(
  request: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>,
  repost: Pick<NostrEvent, 'kind' | 'tags' | 'content'>,
): boolean {
  const target = repostedEvent(repost);
  return target !== undefined && target.pubkey === request.pubkey && deletionTargets(request).ids.includes(target.id);
}
