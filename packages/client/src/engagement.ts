import { GENERIC_REPOST_KIND, REACTION_KIND, REPOST_KIND, TEXT_NOTE_KIND } from '@lifeline/nostr';
import type { Filter } from './types.js';

/*
 * Reply, repost, quote and like counts of a post, from NIP-45 COUNT. One COUNT returns one number,
 * so each count is one message; the queue below asks for each post once a minute at most (not per
 * render) and keeps
 * only a few in flight, inside a relay's per-connection query limits (relay/src/query-cost.ts).
 */

/** What is counted under a post. */
export type Metric = 'replies' | 'reposts' | 'quotes' | 'likes';
/** Every metric, in the order the buttons show them. */
export const METRICS: readonly Metric[] = ['replies', 'reposts', 'quotes', 'likes'];

/** The filter counting one metric of post `id`: replies e-tag it (NIP-10), reposts e-tag it (NIP-18), quotes q-tag it, likes are kind-7 reactions. */
export function engagementFilter(id: string, metric: Metric): Filter {
  switch (metric) {
    case 'replies':
      return { kinds: [TEXT_NOTE_KIND], '#e': [id] };
    case 'reposts':
      return { kinds: [REPOST_KIND, GENERIC_REPOST_KIND], '#e': [id] };
    case 'quotes':
      return { kinds: [TEXT_NOTE_KIND], '#q': [id] };
    case 'likes':
      return { kinds: [REACTION_KIND], '#e': [id] };
  }
}

/** Asks the relays for counts, at most `concurrency` COUNTs at once, each post at most once per `refreshMs`. */
export interface CountQueue {
  /** Queues the four counts of a post unless they were asked for within `refreshMs`. */
  request(id: string): void;
  /** Drops everything queued and forgets what was asked (lock, wipe). */
  clear(): void;
}

/** How a CountQueue paces itself. */
export interface CountQueueOptions {
  /** COUNTs in flight at once (a relay limits a connection's queued queries). Default 4. */
  concurrency?: number;
  /** A post's counts are asked again when older than this. Default one minute. */
  refreshMs?: number;
  /**
   * At least this long between two COUNTs: a COUNT costs a relay's work budget like a REQ, and the
   * budget must stay for reading. Default 80 ms (12 a second, 3 posts a second).
   */
  gapMs?: number;
  /** The clock for refreshMs (tests). */
  now?: () => number;
}

/** Creates a CountQueue over a COUNT function (the pool's); answers go to `onAnswer` (undefined: no relay counted). */
export function createCountQueue(
  count: (filters: Filter[]) => Promise<number | undefined>,
  onAnswer: (id: string, metric: Metric, n: number | undefined) => void,
  opts: CountQueueOptions = {},
): CountQueue {
  const { concurrency = 4, refreshMs = 60_000, gapMs = 80, now = Date.now } = opts;
  const asked = new Map<string, number>();
  let queue: Array<[string, Metric]> = [];
  let running = 0;
  let generation = 0;
  let lastStart = Number.NEGATIVE_INFINITY;
  let waiting: ReturnType<typeof setTimeout> | undefined;
  const pump = (): void => {
    while (running < concurrency && queue.length > 0 && waiting === undefined) {
      const wait = lastStart + gapMs - Date.now();
      if (wait > 0) {
        waiting = setTimeout(() => {
          waiting = undefined;
          pump();
        }, wait);
        return;
      }
      lastStart = Date.now();
      const [id, metric] = queue.shift()!;
      const mine = generation;
      running++;
      void count([engagementFilter(id, metric)])
        .catch(() => undefined)
        .then((n) => {
          if (mine !== generation) return;
          running--;
          onAnswer(id, metric, n);
          pump();
        });
    }
  };
  return {
    request(id) {
      const last = asked.get(id);
      if (last !== undefined && now() - last < refreshMs) return;
      asked.set(id, now());
      for (const metric of METRICS) queue.push([id, metric]);
      pump();
    },
    clear() {
      generation++;
      queue = [];
      running = 0;
      asked.clear();
      if (waiting !== undefined) clearTimeout(waiting);
      waiting = undefined;
    },
  };
}
