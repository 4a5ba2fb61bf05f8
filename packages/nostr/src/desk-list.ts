import { DESK_LIST_KIND } from './kinds.js';
import { isHex64 } from './hex.js';
import { parseAddress } from './replaceable.js';
import type { NostrEvent } from './types.js';

/*
 * A verification desk is a NIP-51 follow set (kind 30000) published by the desk's owner key:
 * - `d`: the set's identifier; a desk configured by npub alone uses DEFAULT_DESK_D.
 * - `p`: one per member key. The owner is always a member.
 * - `title`: the desk's name (NIP-51 set metadata), optional.
 * - `min-sources`: independent credible sources needed for Confirmed (default 3, 1..20).
 * - `primary-confirms`: "true" when one desk-verified primary source may confirm alone.
 * - `state`: `["state", "<value>", "<English name>", "<Persian name>"]` adds a desk-defined state.
 * Unknown tags are ignored, so the list stays an ordinary NIP-51 set for other clients.
 */

/** The `d` of a desk list named by npub only. */
export const DEFAULT_DESK_D = 'lifeline-desk';
/** Default independent sources a claim needs before Confirmed (the 2009 tweet's "two more"). */
export const DEFAULT_MIN_SOURCES = 3;
/** Upper bound of `min-sources`, so a typo cannot make confirmation impossible. */
export const MAX_MIN_SOURCES = 20;

/** Which list event names a desk: `30000:<owner>:<d>`. */
export interface DeskAddress {
  owner: string;
  d: string;
}

/** A desk-defined state, beyond the six defaults. */
export interface CustomState {
  value: string;
  en: string;
  fa: string;
}

/** A desk as its newest list event says. */
export interface DeskList {
  address: DeskAddress;
  title: string;
  members: Set<string>;
  minSources: number;
  primaryConfirms: boolean;
  states: CustomState[];
  /** created_at of the list event it was read from (0: no list stored yet, owner only). */
  updatedAt: number;
}

/** The `a` coordinate of a desk list. */
export function deskCoordinate(d: DeskAddress): string {
  return `${DESK_LIST_KIND}:${d.owner}:${d.d}`;
}

/** Parses `30000:<owner>:<d>` as a desk address; undefined for any other kind. */
export function parseDeskCoordinate(a: string): DeskAddress | undefined {
  const address = parseAddress(a);
  return address?.kind === DESK_LIST_KIND ? { owner: address.pubkey, d: address.d } : undefined;
}

const STATE_VALUE = /^[a-z][a-z0-9_-]{0,31}$/;

/** The desk a list event describes, or the owner-only desk when `event` is undefined. */
export function parseDeskList(address: DeskAddress, event?: NostrEvent): DeskList {
  const desk: DeskList = {
    address,
    title: '',
    members: new Set([address.owner]),
    minSources: DEFAULT_MIN_SOURCES,
    primaryConfirms: false,
    states: [],
    updatedAt: 0,
  };
  if (!event || event.kind !== DESK_LIST_KIND || event.pubkey !== address.owner) return desk;
  if (!event.tags.some((t) => t[0] === 'd' && (t[1] ?? '') === address.d)) return desk;
  desk.updatedAt = event.created_at;
  for (const [name, v1 = '', v2 = '', v3 = ''] of event.tags) {
    if (name === 'p' && isHex64(v1)) desk.members.add(v1);
    else if (name === 'title') desk.title = v1.slice(0, 100);
    else if (name === 'min-sources') {
      const n = Number(v1);
      if (Number.isInteger(n) && n >= 1 && n <= MAX_MIN_SOURCES) desk.minSources = n;
    } else if (name === 'primary-confirms') desk.primaryConfirms = v1 === 'true';
    else if (name === 'state' && STATE_VALUE.test(v1) && desk.states.length < 20)
      desk.states.push({ value: v1, en: (v2 || v1).slice(0, 40), fa: (v3 || v2 || v1).slice(0, 40) });
  }
  return desk;
}
