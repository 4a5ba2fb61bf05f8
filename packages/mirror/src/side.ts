import type { Filter, NostrEvent } from '@lifeline/nostr';
import { collectSyncItems, type EventStore, type SyncItems } from '@lifeline/store';
import { RelayLink } from './relay-link.js';

/** One side of a sync that we control: the local node's store, or a relay we publish into. */
export interface SyncSide {
  /** The (created_at, id) records of the events matching the filter. */
  items(filter: Filter): Promise<SyncItems>;
  /** The events with these ids that the side still has. */
  get(ids: string[]): Promise<NostrEvent[]>;
  /** Adds one event through the side's own way in; `ok` false with the reason when refused. */
  add(event: NostrEvent): Promise<{ ok: boolean; message: string }>;
}

/** The one way in of a node (`relay.addEvent`), with its verdict. */
export type AddEventFn = (event: unknown, ctx: { source: 'sync' }) => Promise<{ ok: boolean; message: string }>;

/** The local node: records from its store, events in through `addEvent` with source `sync`. */
export function storeSide(store: EventStore, addEvent: AddEventFn, maxRecords = 5_000_000): SyncSide {
  return {
    async items(filter) {
      const items = await collectSyncItems(store, [filter], { max: maxRecords });
      if (items.tooMany) throw new Error(`more than ${maxRecords} local events match the filter`);
      return items;
    },
    async get(ids) {
      const out: NostrEvent[] = [];
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        for (const e of await store.query([{ ids: chunk }], { maxLimit: chunk.length })) out.push(e.event);
      }
      return out;
    },
    add: (event) => addEvent(event, { source: 'sync' }),
  };
}

/**
 * Another relay used as our side (`lifeline sync A --into B`): its records are read with REQ
 * paging (it need not speak NIP-77), and events are published to it with EVENT.
 */
export async function relaySide(url: string): Promise<SyncSide & { link: RelayLink }> {
  const link = await RelayLink.open(url);
  const cache = new Map<string, NostrEvent>();
  return {
    link,
    async items(filter) {
      const events = await pageAll(link, filter);
      for (const e of events) cache.set(e.id, e);
      return itemsOf(events);
    },
    async get(ids) {
      return ids.map((id) => cache.get(id)).filter((e): e is NostrEvent => e !== undefined);
    },
    add: (event) => publishPatiently(link, event),
  };
}

/** Publishes, waiting and retrying while the relay answers `rate-limited:`. */
export async function publishPatiently(link: RelayLink, event: NostrEvent): Promise<{ ok: boolean; message: string }> {
  for (let wait = 250; ; wait = Math.min(wait * 2, 5000)) {
    const r = await link.publish(event);
    if (r.ok || !r.message.startsWith('rate-limited:') || link.closed) return r;
    await new Promise((res) => setTimeout(res, wait));
  }
}

/**
 * Every stored event matching the filter, read newest first in pages with `until` (the last
 * page's oldest second is read again, so events sharing it are not lost; ids are deduplicated).
 */
export async function pageAll(
  link: RelayLink,
  filter: Filter,
  onPage?: (count: number) => void,
): Promise<NostrEvent[]> {
  const seen = new Map<string, NostrEvent>();
  let until = filter.until;
  for (;;) {
    const page = await fetchPatiently(link, [{ ...filter, limit: 500, ...(until !== undefined ? { until } : {}) }]);
    let fresh = 0;
    let oldest = Number.POSITIVE_INFINITY;
    for (const e of page) {
      if (!seen.has(e.id)) {
        seen.set(e.id, e);
        fresh++;
      }
      oldest = Math.min(oldest, e.created_at);
    }
    onPage?.(seen.size);
    if (fresh === 0 || page.length === 0) break;
    // A full page of one second would loop forever; step past that second.
    until = page.every((e) => e.created_at === oldest) ? oldest - 1 : oldest;
    if (until < (filter.since ?? 0)) break;
  }
  return [...seen.values()];
}

/** A REQ until EOSE, waiting and asking again while the relay answers `rate-limited:` (its work budget). */
export async function fetchPatiently(link: RelayLink, filters: Filter[]): Promise<NostrEvent[]> {
  for (let wait = 500; ; wait = Math.min(wait * 2, 5000)) {
    try {
      return await link.fetch(filters);
    } catch (err) {
      if (link.closed || !(err as Error).message.startsWith('rate-limited:')) throw err;
      await new Promise((res) => setTimeout(res, wait));
    }
  }
}

/** Sync records of a list of events, sorted. */
export function itemsOf(events: NostrEvent[]): SyncItems {
  const sorted = [...events].sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const timestamps = new Float64Array(sorted.length);
  const ids = new Uint8Array(sorted.length * 32);
  sorted.forEach((e, i) => {
    timestamps[i] = e.created_at;
    ids.set(Buffer.from(e.id, 'hex'), i * 32);
  });
  return { timestamps, ids, tooMany: false };
}
