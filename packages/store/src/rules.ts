import type { Filter, NostrEvent } from '@lifeline/nostr';
import { dTag, isAddressable, isEphemeral, isReplaceable } from '@lifeline/nostr';

// Semantics every storage engine shares. The test oracle (oracle.ts) deliberately does not use them.

const HEX64 = /^[0-9a-f]{64}$/;
const EXPIRATION = /^[0-9]{1,15}$/;

/** NIP-59 gift wrap: removed with the p-tagged recipient on a NIP-62 vanish. */
export const GIFT_WRAP_KIND = 1059;

/** NIP-09 deletion request kind. */
export const DELETION_KIND = 5;

/** True for a 64-character lowercase hex string (ids, pubkeys). */
export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/** NIP-40 expiration of an event: the first `expiration` tag when it holds a plain integer. */
export function expirationOf(event: Pick<NostrEvent, 'tags'>): number | undefined {
  for (const tag of event.tags) {
    if (tag[0] !== 'expiration') continue;
    const value = tag[1];
    return value !== undefined && EXPIRATION.test(value) ? Number(value) : undefined;
  }
  return undefined;
}

/** Current time in seconds, the clock NIP-40 uses. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** The d part of an event's replacement key: '' for replaceable, the d tag for addressable. */
export function replacementD(event: Pick<NostrEvent, 'kind' | 'tags'>): string | undefined {
  if (isAddressable(event.kind)) return dTag(event);
  if (isReplaceable(event.kind)) return '';
  return undefined;
}

/** How many events one filter may return. */
export function effectiveLimit(filter: Filter, maxLimit: number): number {
  const limit = Math.min(filter.limit ?? maxLimit, maxLimit);
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
}

/** One addressable or replaceable target of a deletion request. */
export interface AddressTarget {
  kind: number;
  pubkey: string;
  d: string;
}

/** What a NIP-09 request may delete: the author's own ids and `kind:pubkey:d` addresses. */
export interface DeletionTargets {
  ids: string[];
  addresses: AddressTarget[];
}

/**
 * Reads the `e` and `a` tags of a kind-5 request. Addresses naming another pubkey are dropped
 * (NIP-09: only the author's own events); ids are kept, the author check happens against the event.
 */
export function deletionTargets(request: NostrEvent): DeletionTargets {
  const ids: string[] = [];
  const addresses: AddressTarget[] = [];
  if (request.kind !== DELETION_KIND) return { ids, addresses };
  for (const tag of request.tags) {
    const value = tag[1];
    if (value === undefined) continue;
    if (tag[0] === 'e' && isHex64(value)) {
      if (!ids.includes(value)) ids.push(value);
    } else if (tag[0] === 'a') {
      const target = parseAddress(value);
      if (target && target.pubkey === request.pubkey) addresses.push(target);
    }
  }
  return { ids, addresses };
}

/** Parses `kind:pubkey:d` (d may itself contain ':'); replaceable kinds always get d ''. */
function parseAddress(value: string): AddressTarget | undefined {
  const first = value.indexOf(':');
  const second = value.indexOf(':', first + 1);
  if (first < 1 || second < 0) return undefined;
  const kindText = value.slice(0, first);
  const pubkey = value.slice(first + 1, second);
  if (!/^[0-9]{1,5}$/.test(kindText) || !isHex64(pubkey)) return undefined;
  const kind = Number(kindText);
  if (isAddressable(kind)) return { kind, pubkey, d: value.slice(second + 1) };
  if (isReplaceable(kind)) return { kind, pubkey, d: '' };
  return undefined;
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
