import type { Filter, NostrEvent } from '@lifeline/nostr';
import { isEphemeral, isHex64 } from '@lifeline/nostr';

// Storage rules every backend shares. The protocol rules the backends apply live in
// @lifeline/nostr and are re-exported here. The test oracle (oracle.ts) deliberately uses none of them.
export {
  DELETION_KIND,
  GIFT_WRAP_KIND,
  deletionTargets,
  expirationOf,
  isHex64,
  nowSeconds,
  replacementD,
  type Address as AddressTarget,
  type DeletionTargets,
} from '@lifeline/nostr';

/** How many events one filter may return. */
export function effectiveLimit(filter: Filter, maxLimit: number): number {
  const limit = Math.min(filter.limit ?? maxLimit, maxLimit);
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

/** Throws on shapes no backend can store; ephemeral kinds are a caller bug (never stored). */
export function assertStorable(event: NostrEvent, json: string): void {
  if (
    !isHex64(event.id) ||
    !isHex64(event.pubkey) ||
    !Number.isSafeInteger(event.created_at) ||
    !Number.isSafeInteger(event.kind) ||
    event.kind < 0 ||
    typeof event.content !== 'string' ||
    typeof json !== 'string' ||
    !Array.isArray(event.tags) ||
    !event.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'))
  ) {
    throw new TypeError(`malformed event ${String(event.id)}`);
  }
  if (isEphemeral(event.kind)) {
    throw new TypeError(`ephemeral event ${event.id} (kind ${event.kind}) must not be stored`);
  }
}
