import type { NostrEvent } from './types.js';
import { isHex64 } from './hex.js';
import { isAddressable, isReplaceable } from './kinds.js';

// NIP-01 replaceable and addressable events: the key a new version replaces, how `a` tags name
// it (`kind:pubkey:d`), and which of two versions wins.

/** The parts of an `a` tag's `kind:pubkey:d`. */
export interface Address {
  kind: number;
  pubkey: string;
  d: string;
}

const KIND_TEXT = /^[0-9]{1,5}$/;

/** The value of the first `d` tag, or '' when there is none (NIP-01 treats a missing d as ''). */
export function dTag(event: Pick<NostrEvent, 'tags'>): string {
  for (const tag of event.tags) {
    if (tag[0] === 'd') return tag[1] ?? '';
  }
  return '';
}

/** The d part of an event's replacement key: '' for replaceable, the d tag for addressable. */
export function replacementD(event: Pick<NostrEvent, 'kind' | 'tags'>): string | undefined {
  if (isAddressable(event.kind)) return dTag(event);
  if (isReplaceable(event.kind)) return '';
  return undefined;
}

/**
 * The replacement key of an event: `kind:pubkey:d` for addressable kinds, `kind:pubkey:` for
 * replaceable ones, undefined for regular and ephemeral kinds.
 */
export function eventAddress(event: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>): string | undefined {
  const d = replacementD(event);
  return d === undefined ? undefined : `${event.kind}:${event.pubkey}:${d}`;
}

/** Splits `kind:pubkey:d` (any kind 0..65535, d kept as written), or undefined when malformed. */
export function parseAddress(address: string): Address | undefined {
  const first = address.indexOf(':');
  const second = address.indexOf(':', first + 1);
  if (first < 0 || second < 0) return undefined;
  const kindText = address.slice(0, first);
  const pubkey = address.slice(first + 1, second);
  if (!KIND_TEXT.test(kindText) || !isHex64(pubkey)) return undefined;
  const kind = Number(kindText);
  // d is everything after the second ':', so it may itself contain ':'.
  return kind > 65535 ? undefined : { kind, pubkey, d: address.slice(second + 1) };
}

/** True when `incoming` should replace `stored` at the same address: newer, or as new with a lower id. */
export function replaces(
  incoming: Pick<NostrEvent, 'created_at' | 'id'>,
  stored: Pick<NostrEvent, 'created_at' | 'id'>,
): boolean {
  if (incoming.created_at !== stored.created_at) return incoming.created_at > stored.created_at;
  return incoming.id < stored.id;
}
