import type { Filter } from '@lifeline/nostr';
import type { EventStore, StoredEvent } from '@lifeline/store';

/** Events per page: well under the store's result byte cap for notes and ratings (about 0.5–2 KB each). */
const PAGE = 2000;

/**
 * Every stored event matching `filter`, newest first, read in pages going back with `until` (one
 * query answers at most `maxResultBytes`). Ids already seen are skipped, so a page boundary inside
 * one second loses nothing as long as fewer than PAGE events share that second.
 */
export async function readAll(store: EventStore, filter: Filter, signal?: AbortSignal): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  const seen = new Set<string>();
  let until: number | undefined;
  for (;;) {
    const page = await store.query([{ ...filter, limit: PAGE, ...(until !== undefined ? { until } : {}) }], {
      maxLimit: PAGE,
      ...(signal ? { signal } : {}),
    });
    let fresh = 0;
    for (const stored of page) {
      if (seen.has(stored.event.id)) continue;
      seen.add(stored.event.id);
      out.push(stored);
      fresh++;
    }
    if (page.length === 0) return out;
    const oldest = page[page.length - 1]!.event.created_at;
    // Nothing new: everything at `oldest` was read, so step past that second (this also ends the loop).
    until = fresh === 0 ? oldest - 1 : oldest;
    if (until < 0) return out;
  }
}
