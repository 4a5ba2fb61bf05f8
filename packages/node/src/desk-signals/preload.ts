import type { Filter, NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';

/** Events per page of the start-up read. */
const PAGE = 1000;

/**
 * Hands `each` up to `limit` stored events of a filter, newest first, page by page and without
 * holding them: one query's answer is capped in bytes by the store (kind-3 lists can be large), so
 * a single query would silently stop at the newest few. A page cut short by that cap is simply
 * followed by the next one; `until` is inclusive, so the oldest second is read again and its events
 * skipped by id.
 */
export async function readPaged(
  store: Pick<EventStore, 'query'>,
  filter: Filter,
  limit: number,
  each: (event: NostrEvent) => void,
): Promise<number> {
  let read = 0;
  let until: number | undefined;
  let lastSecond = new Set<string>();
  while (read < limit) {
    const page = await store.query([{ ...filter, limit: PAGE, ...(until === undefined ? {} : { until }) }], {
      maxLimit: PAGE,
    });
    let fresh = 0;
    for (const { event } of page) {
      if (lastSecond.has(event.id)) continue;
      fresh++;
      read++;
      each(event);
    }
    if (fresh === 0) break;
    until = page[page.length - 1]!.event.created_at;
    lastSecond = new Set(page.filter((s) => s.event.created_at === until).map((s) => s.event.id));
  }
  return read;
}
