import type { NostrEvent } from './types.js';

/** The events a NIP-09 deletion request points at. */
export interface DeletionTargets {
  /** Event ids from `e` tags. */
  ids: string[];
  /** Addresses (`kind:pubkey:d`) from `a` tags. */
  addresses: string[];
}

const HEX64 = /^[0-9a-f]{64}$/;
// kind:pubkey:d where d may be empty or contain ':'.
const ADDRESS = /^(\d{1,5}):([0-9a-f]{64}):/;

/** Kind of a NIP-09 deletion request. */
export const DELETION_KIND = 5;

/** Collects well-formed `e` and `a` targets of a kind-5 event; other events have none. */
export function deletionTargets(event: Pick<NostrEvent, 'kind' | 'tags'>): DeletionTargets {
  const ids: string[] = [];
  const addresses: string[] = [];
  if (event.kind !== DELETION_KIND) return { ids, addresses };
  for (const [name, value] of event.tags) {
    if (value === undefined) continue;
    if (name === 'e' && HEX64.test(value)) {
      if (!ids.includes(value)) ids.push(value);
    } else if (name === 'a' && parseAddress(value) && !addresses.includes(value)) {
      addresses.push(value);
    }
  }
  return { ids, addresses };
}

/** Splits `kind:pubkey:d` into its parts, or undefined when malformed. */
export function parseAddress(
  address: string,
): { kind: number; pubkey: string; d: string } | undefined {
  const m = ADDRESS.exec(address);
  if (!m || !m[1] || !m[2]) return undefined;
  const kind = Number(m[1]);
  if (kind > 65535) return undefined;
  return { kind, pubkey: m[2], d: address.slice(m[0].length) };
}

/** True when an address names an event of `author`: nobody may delete another key's events. */
export function addressBelongsTo(address: string, author: string): boolean {
  return parseAddress(address)?.pubkey === author;
}
