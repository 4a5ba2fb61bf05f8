import type { Filter } from '@lifeline/nostr';
import type { EventStore, ReadOptions } from './index.js';

/**
 * The records a NIP-77 negentropy session reconciles: one per live event, as two flat arrays in
 * (created_at, id) order, so a million of them cost 40 MB and no objects.
 */
export interface SyncItems {
  timestamps: Float64Array;
  /** 32 bytes per event, in the same order. */
  ids: Uint8Array;
  /** True when more than `max` events matched (the arrays are then empty). */
  tooMany: boolean;
}

/** Options for collecting sync records. */
export interface SyncItemsOptions extends ReadOptions {
  /** Most records collected; one more makes the answer `tooMany`. */
  max: number;
}

/**
 * Sync records of the events matching any filter (limits ignored: a sync covers the whole
 * set). Uses the backend's own `syncItems` when it has one; otherwise reads the events through
 * `query` and sorts their keys here.
 */
export async function collectSyncItems(
  store: EventStore,
  filters: Filter[],
  options: SyncItemsOptions,
): Promise<SyncItems> {
  if (store.syncItems) return store.syncItems(filters, options);
  const unlimited = filters.map(({ limit: _limit, ...rest }) => rest);
  const events = await store.query(unlimited, { ...options, maxLimit: options.max + 1 });
  if (events.length > options.max) return { timestamps: new Float64Array(0), ids: new Uint8Array(0), tooMany: true };
  const keys = events.map((e) => ({ t: e.event.created_at, id: e.event.id }));
  keys.sort((a, b) => a.t - b.t || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const timestamps = new Float64Array(keys.length);
  const ids = new Uint8Array(keys.length * 32);
  keys.forEach((k, i) => {
    timestamps[i] = k.t;
    for (let j = 0; j < 32; j++) ids[i * 32 + j] = Number.parseInt(k.id.slice(j * 2, j * 2 + 2), 16);
  });
  return { timestamps, ids, tooMany: false };
}
