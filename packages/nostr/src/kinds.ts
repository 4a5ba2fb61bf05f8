import type { NostrEvent } from './types.js';

// Kind ranges are defined in NIP-01 ("Kinds").

/** True for kinds a relay stores as-is (everything not replaceable, ephemeral or addressable). */
export function isRegular(kind: number): boolean {
  return !isReplaceable(kind) && !isEphemeral(kind) && !isAddressable(kind);
}

/** True for kinds where only the newest event per pubkey+kind is kept: 0, 3 and 10000–19999. */
export function isReplaceable(kind: number): boolean {
  return kind === 0 || kind === 3 || (kind >= 10000 && kind < 20000);
}

/** True for kinds relays must not store: 20000–29999. */
export function isEphemeral(kind: number): boolean {
  return kind >= 20000 && kind < 30000;
}

/** True for kinds where only the newest event per pubkey+kind+d-tag is kept: 30000–39999. */
export function isAddressable(kind: number): boolean {
  return kind >= 30000 && kind < 40000;
}

/** The value of the first `d` tag, or '' when there is none (NIP-01 treats a missing d as ''). */
export function dTag(event: Pick<NostrEvent, 'tags'>): string {
  for (const tag of event.tags) {
    if (tag[0] === 'd') return tag[1] ?? '';
  }
  return '';
}

/**
 * The replacement key of an event: `kind:pubkey:d` for addressable kinds, `kind:pubkey:` for
 * replaceable ones, undefined for regular and ephemeral kinds.
 */
export function eventAddress(
  event: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>,
): string | undefined {
  if (isAddressable(event.kind)) return `${event.kind}:${event.pubkey}:${dTag(event)}`;
  if (isReplaceable(event.kind)) return `${event.kind}:${event.pubkey}:`;
  return undefined;
}
