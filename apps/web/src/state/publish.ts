import type { EventTemplate, OutboxEntry, SignedEvent } from '@lifeline/client';
import { currentSigner, sessionState } from './session.js';
import { lastPublish, pool, type PublishReport } from './relays.js';
import { outbox } from './outbox.js';
import * as social from './social.js';

/** Signs a template and sends it to every write relay; unsent events wait in the outbox. */
export async function publish(template: EventTemplate): Promise<PublishReport> {
  const event = await currentSigner().signEvent(template);
  return send(event);
}

/** Sends a signed event through the outbox and reports each write relay's answer. */
export async function send(event: SignedEvent): Promise<PublishReport> {
  // Shown at once (own timeline, buttons), whether or not a relay is reachable right now.
  social.noteOwnEvent(event);
  const entry = await outbox.send(event);
  const report = toReport(entry);
  lastPublish.set(report);
  return report;
}

/** Turns an outbox entry into what the UI shows per relay. */
export function toReport(entry: OutboxEntry): PublishReport {
  return {
    event: entry.event,
    results: Object.entries(entry.results).map(([relay, r]) => ({
      relay,
      ok: r.ok,
      message: r.message,
      timedOut: !r.ok && /time(d)? ?out|no answer|not connected|connect/i.test(r.message),
    })),
    queued: !entry.delivered,
  };
}

/** The signed-in user's hex public key. */
export function me(): string {
  return sessionState.get().pubkey ?? '';
}

/** Fetches one event by id from the relays (the pool drops events whose id or signature is wrong). */
export async function fetchEvent(id: string): Promise<SignedEvent | undefined> {
  const cached = social.cachedEvent(id);
  if (cached) return cached;
  const [event] = await pool.query([{ ids: [id] }], { timeoutMs: 5000 }).catch(() => []);
  if (event && event.id === id) {
    social.cacheEvent(event);
    return event;
  }
  return undefined;
}
