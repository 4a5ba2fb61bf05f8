import type { NostrEvent } from './types.js';
import { isHex64 } from './hex.js';
import { DELETION_KIND, isAddressable, isReplaceable } from './kinds.js';
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
