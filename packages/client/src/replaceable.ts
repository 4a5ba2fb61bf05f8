import { replaces } from '@lifeline/nostr';
import type { SignedEvent } from './types.js';

/*
 * NIP-01 replaceable (kinds 0, 3, 10000-19999) and addressable (30000-39999) events: relays may hold
 * several versions, and the newest one counts. On equal created_at the lowest id wins.
 */

type Version = Pick<SignedEvent, 'created_at' | 'id'>;

/** The newest of several versions of a replaceable event (NIP-01: on equal time, the lowest id). */
export function pickNewestReplaceable<T extends Version>(events: T[]): T | undefined {
  let best: T | undefined;
  for (const e of events) {
    if (!best || replaces(e, best)) best = e;
  }
  return best;
}

/** The newest version of each addressable event, one per kind, author and d tag, in first-seen order. */
export function newestPerAddress<T extends Version & Pick<SignedEvent, 'kind' | 'pubkey' | 'tags'>>(events: T[]): T[] {
  const newest = new Map<string, T>();
  for (const e of events) {
    const address = `${e.kind}:${e.pubkey}:${e.tags.find((t) => t[0] === 'd')?.[1] ?? ''}`;
    newest.set(address, pickNewestReplaceable([newest.get(address) ?? e, e])!);
  }
  return [...newest.values()];
}
