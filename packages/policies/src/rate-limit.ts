import { reason } from '@lifeline/nostr';
import { TokenBucket } from './token-bucket.js';
import type { EventSource, RejectSignedEvent } from './types.js';

/** Options for pubkeyRateLimit. */
export interface PubkeyRateLimitOptions {
  perMinute: number;
  burst: number;
  /** Most authors tracked at once; the least recently seen is forgotten first. */
  maxTracked?: number;
  /** Sources that are limited; imports and sync replay history in bulk and are not. */
  sources?: readonly EventSource[];
  /** Clock in milliseconds, for tests. */
  clock?: () => number;
}

/** The per-author limit, plus a way to count events that other processes accepted. */
export type PubkeyRateLimit = RejectSignedEvent & {
  /**
   * Charges the author's bucket for one event another process sharing the database committed
   * (store.onCommitted), so N processes behind one load balancer allow one author N times
   * nothing: the limit holds across them, give or take what arrives within the feed's latency.
   */
  charge(pubkey: string): void;
};

/**
 * Per-author token bucket. It is a RejectSignedEvent so that it runs only once the signature is
 * known good: otherwise anyone could drain a victim's bucket with forged events. Buckets live in
 * memory only and their number is bounded; a forgotten author simply starts again with a full bucket.
 */
export function pubkeyRateLimit({
  perMinute,
  burst,
  maxTracked = 100_000,
  sources = ['ws'],
  clock = Date.now,
}: PubkeyRateLimitOptions): PubkeyRateLimit {
  const buckets = new Map<string, TokenBucket>();
  const bucketOf = (pubkey: string, now: number) => {
    let bucket = buckets.get(pubkey);
    if (bucket) {
      // Re-insert so Map order is least-recently-seen first.
      buckets.delete(pubkey);
    } else {
      bucket = new TokenBucket(perMinute / 60, burst, now);
      if (buckets.size >= maxTracked) {
        const oldest = buckets.keys().next();
        if (!oldest.done) buckets.delete(oldest.value);
      }
    }
    buckets.set(pubkey, bucket);
    return bucket;
  };
  const limit: RejectSignedEvent = ({ event, source }) => {
    if (!sources.includes(source)) return undefined;
    const now = clock();
    return bucketOf(event.pubkey, now).take(1, now)
      ? undefined
      : reason('rate-limited', 'slow down, too many events from this key');
  };
  return Object.assign(limit, {
    charge(pubkey: string) {
      const now = clock();
      bucketOf(pubkey, now).spend(1, now);
    },
  });
}
