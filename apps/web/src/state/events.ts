import type { SignedEvent } from '@lifeline/client';
import { forgetCounts } from './counts.js';
import { forgetDeletedOriginals } from './deleted-originals.js';
import { pool } from './relays.js';

/*
 * Events already seen this session, by id, so a repost's or quote's original is fetched once.
 * Nothing here is written to disk.
 */

const events = new Map<string, SignedEvent>();

/** Remembers an event (bounded, so long sessions do not grow without end). */
export function cacheEvent(e: SignedEvent): void {
  if (events.size > 2000) events.delete(events.keys().next().value!);
  events.set(e.id, e);
}

/** Fetches one event by id, from memory or the relays (the pool drops events whose id or signature is wrong). */
export async function fetchEvent(id: string): Promise<SignedEvent | undefined> {
  const cached = events.get(id);
  if (cached) return cached;
  const [event] = await pool.query([{ ids: [id] }], { timeoutMs: 5000 }).catch(() => []);
  if (event && event.id === id) {
    cacheEvent(event);
    return event;
  }
  return undefined;
}

/** Forgets every event (lock of a NIP-07 session, wipe). */
export function forgetEvents(): void {
  events.clear();
  forgetDeletedOriginals();
  forgetCounts();
}
