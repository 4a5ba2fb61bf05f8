import type { NostrEvent } from './types.js';

/** The NIP-40 `expiration` timestamp in seconds, or undefined when absent or malformed. */
export function expirationOf(event: Pick<NostrEvent, 'tags'>): number | undefined {
  for (const tag of event.tags) {
    if (tag[0] !== 'expiration') continue;
    const v = tag[1];
    if (v === undefined || !/^\d{1,15}$/.test(v)) return undefined;
    return Number(v);
  }
  return undefined;
}

/** True while an event with this expiration is visible at `now`: it expires *at* its time. */
export function isLive(expiration: number | undefined, now: number): boolean {
  return expiration === undefined || expiration > now;
}

/** True once `now` (seconds) has reached the event's expiration. */
export function isExpired(event: Pick<NostrEvent, 'tags'>, now: number): boolean {
  return !isLive(expirationOf(event), now);
}
