import { reason } from '@lifeline/nostr';
import type { RejectEvent } from './types.js';

/** Rejects events with more than `n` tags. */
export function maxTags(n: number): RejectEvent {
  return ({ event }) =>
    event.tags.length > n ? reason('invalid', `too many tags (${event.tags.length}, max ${n})`) : undefined;
}

/** Rejects events whose content is longer than `n` bytes of UTF-8 (what storage and the wire pay for). */
export function maxContentBytes(n: number): RejectEvent {
  return ({ event }) => {
    // Every UTF-16 unit is at most 3 UTF-8 bytes, so short content skips the exact count.
    if (event.content.length * 3 <= n) return undefined;
    const bytes = Buffer.byteLength(event.content, 'utf8');
    return bytes > n ? reason('invalid', `content too long (${bytes} bytes, max ${n})`) : undefined;
  };
}

/** How far from the relay's clock created_at may be; 0 past means no lower bound (history imports). */
export interface CreatedAtWindow {
  pastSeconds: number;
  futureSeconds: number;
}

/** Rejects events dated too far in the future, or (when pastSeconds > 0) too far in the past. */
export function createdAtWindow({ pastSeconds, futureSeconds }: CreatedAtWindow): RejectEvent {
  return ({ event, now }) => {
    if (event.created_at > now + futureSeconds) {
      return reason('invalid', `created_at is more than ${futureSeconds} seconds in the future`);
    }
    if (pastSeconds > 0 && event.created_at < now - pastSeconds) {
      return reason('invalid', `created_at is more than ${pastSeconds} seconds in the past`);
    }
    return undefined;
  };
}
