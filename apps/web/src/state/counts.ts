import { createCountQueue, type Metric } from '@lifeline/client';
import { pool } from './relays.js';
import { createStore } from './store.js';

/*
 * Reply, repost, quote and like counts per post, from NIP-45 COUNT (client/engagement.ts): each
 * post is asked once per session, a few COUNTs at a time; the user's own likes and reposts adjust
 * the numbers at once. Held in memory only.
 */

const COUNT_TIMEOUT_MS = 6000;
const counts = new Map<string, Partial<Record<Metric, number>>>();

/** Bumped when a count arrives or changes, so buttons re-render. */
export const countsTick = createStore(0);

const queue = createCountQueue(
  (filters) => pool.count(filters, { timeoutMs: COUNT_TIMEOUT_MS }),
  (id, metric, n) => {
    if (n === undefined) return;
    const held = counts.get(id) ?? {};
    held[metric] = n;
    counts.set(id, held);
    countsTick.set((x) => x + 1);
  },
);

/** The post's counts known so far. Missing metrics: not asked yet, or no relay counted. */
export function countsOf(id: string): Partial<Record<Metric, number>> {
  return counts.get(id) ?? {};
}

/** Asks the relays for the post's counts (when it comes into view; at most once a minute). */
export function requestCounts(id: string): void {
  queue.request(id);
}

/** Adjusts a count after the user's own like, repost or their undoing. */
export function adjustCount(id: string, metric: Metric, delta: 1 | -1): void {
  const held = counts.get(id);
  // Only a number a relay gave is adjusted: with no count, one's own action alone is not a count.
  if (held?.[metric] === undefined) return;
  held[metric] = Math.max(0, held[metric] + delta);
  counts.set(id, held);
  countsTick.set((x) => x + 1);
}

/** Forgets every count (lock, wipe). */
export function forgetCounts(): void {
  counts.clear();
  queue.clear();
}
