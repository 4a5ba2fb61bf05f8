import type { Filter, NostrEvent } from '@lifeline/nostr';
import { eventAddress, matchFilter } from '@lifeline/nostr';
import type { EventStore, QueryOptions, SaveOutcome, StoredEvent } from './index.js';
import {
  DELETION_KIND,
  GIFT_WRAP_KIND,
  assertStorable,
  compareNewestFirst,
  deletionTargets,
  effectiveLimit,
  expirationOf,
  isLive,
  nowSeconds,
  replaces,
} from './rules.js';

interface Entry {
  stored: StoredEvent;
  expiration: number | undefined;
}

/**
 * The reference EventStore: plain maps and linear scans, obviously correct rather than fast.
 * Randomized tests compare every real backend against it; unit tests elsewhere may use it too.
 */
export class MemoryStore implements EventStore {
  // Insertion order doubles as `iterate()` order, as in the SQL backends.
  readonly #events = new Map<string, Entry>();
  readonly #byAddress = new Map<string, string>();
  /** `${id}:${deleter}` — a deletion only binds events whose author made the request. */
  readonly #deletedIds = new Set<string>();
  readonly #deletedAddresses = new Map<string, number>();
  readonly #vanished = new Map<string, number>();

  /** Saves events in order; each call is atomic (a malformed event rejects the whole call). */
  async save(events: StoredEvent[]): Promise<SaveOutcome[]> {
    for (const { event, json } of events) assertStorable(event, json);
    return events.map((stored) => this.#saveOne(stored));
  }

  #saveOne(stored: StoredEvent): SaveOutcome {
    const event = stored.event;
    if (this.#events.has(event.id)) return { status: 'duplicate' };
    if (this.#refused(event)) return { status: 'deleted' };
    const address = eventAddress(event);
    if (address !== undefined) {
      const currentId = this.#byAddress.get(address);
      const current = currentId === undefined ? undefined : this.#events.get(currentId);
      if (current && !replaces(event, current.stored.event)) return { status: 'superseded' };
      if (current) this.#events.delete(current.stored.event.id);
      this.#byAddress.set(address, event.id);
    }
    this.#events.set(event.id, { stored, expiration: expirationOf(event) });
    return { status: 'saved' };
  }

  /** True when a deletion or vanish covers the event. */
  async refuses(event: NostrEvent): Promise<boolean> {
    return this.#refused(event);
  }

  #refused(event: NostrEvent): boolean {
    if (event.kind !== DELETION_KIND && this.#deletedIds.has(`${event.id}:${event.pubkey}`)) {
      return true;
    }
    if ((this.#vanished.get(event.pubkey) ?? -Infinity) >= event.created_at) return true;
    if (event.kind === GIFT_WRAP_KIND) {
      for (const tag of event.tags) {
        if (tag[0] !== 'p' || tag[1] === undefined) continue;
        if ((this.#vanished.get(tag[1]) ?? -Infinity) >= event.created_at) return true;
      }
    }
    const address = eventAddress(event);
    return (
      address !== undefined && (this.#deletedAddresses.get(address) ?? -Infinity) >= event.created_at
    );
  }

  /** Matching live events, newest first per filter with its limit, then merged and deduplicated. */
  async query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]> {
    const now = nowSeconds();
    const found = new Map<string, StoredEvent>();
    for (const filter of filters) {
      const limit = effectiveLimit(filter, options.maxLimit);
      if (limit === 0) continue;
      const matches = this.#matching(filter, now).sort((a, b) => compareNewestFirst(a.event, b.event));
      for (const stored of matches.slice(0, limit)) found.set(stored.event.id, stored);
    }
    return [...found.values()].sort((a, b) => compareNewestFirst(a.event, b.event));
  }

  /** Size of the union of all filters' matches, limits ignored (NIP-45). */
  async count(filters: Filter[]): Promise<number> {
    const now = nowSeconds();
    const ids = new Set<string>();
    for (const filter of filters) for (const s of this.#matching(filter, now)) ids.add(s.event.id);
    return ids.size;
  }

  #matching(filter: Filter, now: number): StoredEvent[] {
    const out: StoredEvent[] = [];
    for (const entry of this.#events.values()) {
      if (isLive(entry.expiration, now) && matchFilter(filter, entry.stored.event)) {
        out.push(entry.stored);
      }
    }
    return out;
  }

  /** True when the id is stored (expired but not yet purged events included). */
  async has(id: string): Promise<boolean> {
    return this.#events.has(id);
  }

  /** NIP-09: removes the author's referenced events and remembers the targets. */
  async applyDeletion(request: NostrEvent): Promise<number> {
    const { ids, addresses } = deletionTargets(request);
    let removed = 0;
    for (const id of ids) {
      this.#deletedIds.add(`${id}:${request.pubkey}`);
      const entry = this.#events.get(id);
      if (entry && entry.stored.event.pubkey === request.pubkey && entry.stored.event.kind !== DELETION_KIND) {
        this.#remove(entry.stored.event);
        removed++;
      }
    }
    for (const { kind, pubkey, d } of addresses) {
      const address = `${kind}:${pubkey}:${d}`;
      const until = Math.max(this.#deletedAddresses.get(address) ?? -Infinity, request.created_at);
      this.#deletedAddresses.set(address, until);
      const id = this.#byAddress.get(address);
      const entry = id === undefined ? undefined : this.#events.get(id);
      if (entry && entry.stored.event.created_at <= request.created_at) {
        this.#remove(entry.stored.event);
        removed++;
      }
    }
    return removed;
  }

  /** NIP-62: removes the pubkey's events and gift wraps to it up to `until`, refuses them later. */
  async vanish(pubkey: string, until: number): Promise<number> {
    this.#vanished.set(pubkey, Math.max(this.#vanished.get(pubkey) ?? -Infinity, until));
    let removed = 0;
    for (const { stored } of [...this.#events.values()]) {
      const e = stored.event;
      if (e.created_at > until) continue;
      const wrapped =
        e.kind === GIFT_WRAP_KIND && e.tags.some((t) => t[0] === 'p' && t[1] === pubkey);
      if (e.pubkey === pubkey || wrapped) {
        this.#remove(e);
        removed++;
      }
    }
    return removed;
  }

  /** Removes events whose expiration is at or before `now`. */
  async purgeExpired(now: number): Promise<number> {
    let removed = 0;
    for (const entry of [...this.#events.values()]) {
      if (!isLive(entry.expiration, now)) {
        this.#remove(entry.stored.event);
        removed++;
      }
    }
    return removed;
  }

  /** Every stored event in insertion order. */
  async *iterate(): AsyncIterable<StoredEvent> {
    for (const entry of [...this.#events.values()]) yield entry.stored;
  }

  /** Nothing to release. */
  async close(): Promise<void> {}

  #remove(event: NostrEvent): void {
    this.#events.delete(event.id);
    const address = eventAddress(event);
    if (address !== undefined && this.#byAddress.get(address) === event.id) {
      this.#byAddress.delete(address);
    }
  }
}
