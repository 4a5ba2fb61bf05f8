import {
  DELETION_KIND,
  DESK_LIST_KIND,
  VANISH_KIND,
  deskCoordinate,
  parseDeskList,
  type DeskAddress,
  type DeskList,
  type NostrEvent,
} from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';

/** Who may act for the node's desks, read synchronously by policies and routes. */
export interface DeskMembership {
  /** The configured desks, the default first, each as its newest stored list says. */
  desks(): readonly DeskList[];
  /** The desk at `30000:<owner>:<d>`, when configured. */
  desk(coordinate: string): DeskList | undefined;
  /** True when `pubkey` is a member (or owner) of any configured desk. */
  isMember(pubkey: string): boolean;
  /** The configured desks `pubkey` belongs to. */
  desksOf(pubkey: string): DeskList[];
  /** Calls `listener` after a desk's membership or policy changed; returns an unsubscribe. */
  onChange(listener: (desk: DeskList) => void): () => void;
  /** Settles when every re-read started so far has finished (tests, shutdown). */
  settled(): Promise<void>;
}

/** The membership plus its feed: the node passes every committed event (relay.onStored) to `observe`. */
export interface DeskMembershipSource extends DeskMembership {
  observe(event: NostrEvent): void;
}

/**
 * Resolves each configured desk's members from its newest stored kind 30000 list and keeps them
 * current: a list, deletion or vanish by an owner re-reads that desk from the store (the store
 * already decided replacement and deletion, so the answer is whatever it now holds).
 */
export async function openDeskMembership(
  addresses: readonly DeskAddress[],
  store: Pick<EventStore, 'query'>,
): Promise<DeskMembershipSource> {
  const current = new Map<string, DeskList>();
  const listeners = new Set<(desk: DeskList) => void>();
  let byMember = new Map<string, DeskList[]>();

  const reindex = () => {
    byMember = new Map();
    for (const desk of current.values())
      for (const m of desk.members) byMember.set(m, [...(byMember.get(m) ?? []), desk]);
  };
  const read = async (address: DeskAddress): Promise<DeskList> => {
    const found = await store.query(
      [{ kinds: [DESK_LIST_KIND], authors: [address.owner], '#d': [address.d], limit: 1 }],
      { maxLimit: 1 },
    );
    return parseDeskList(address, found[0]?.event);
  };
  // Re-reads run one at a time per desk, so an older read can never overwrite a newer one.
  const pending = new Map<string, Promise<void>>();
  const refresh = (address: DeskAddress) => {
    const key = deskCoordinate(address);
    const next = (pending.get(key) ?? Promise.resolve()).then(async () => {
      const desk = await read(address);
      current.set(key, desk);
      reindex();
      for (const l of listeners) l(desk);
    });
    pending.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  };

  for (const address of addresses) current.set(deskCoordinate(address), await read(address));
  reindex();

  const observe = (event: NostrEvent) => {
    if (event.kind !== DESK_LIST_KIND && event.kind !== DELETION_KIND && event.kind !== VANISH_KIND) return;
    for (const address of addresses) {
      if (address.owner !== event.pubkey) continue;
      if (event.kind === DESK_LIST_KIND && !event.tags.some((t) => t[0] === 'd' && t[1] === address.d)) continue;
      refresh(address).catch(() => undefined);
    }
  };

  return {
    observe,
    settled: async () => {
      await Promise.all(pending.values());
    },
    desks: () => [...current.values()],
    desk: (coordinate) => current.get(coordinate),
    isMember: (pubkey) => byMember.has(pubkey),
    desksOf: (pubkey) => byMember.get(pubkey) ?? [],
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
