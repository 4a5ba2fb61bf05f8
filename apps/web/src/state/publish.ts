import type { EventTemplate, SignedEvent } from '../pending.js';
import { currentSigner, sessionState } from './session.js';
import { lastPublish, pool, relayList, toReport, type PublishReport } from './relays.js';
import { outbox, outboxCount } from './outbox.js';
import * as social from './social.js';

/** Signs a template and sends it to every write relay; unsent events wait in the outbox. */
export async function publish(template: EventTemplate): Promise<PublishReport> {
  const event = await currentSigner().signEvent(template);
  return send(event);
}

/** Sends an already-signed event (also used for the outbox), recording each relay's answer. */
export async function send(event: SignedEvent): Promise<PublishReport> {
  await outbox.add(event);
  const results = await pool.publish(event, relayList.get(), { timeoutMs: 6000 }).catch(() => []);
  const report = toReport(event, results);
  if (!report.queued) await outbox.remove(event.id);
  outboxCount.set((await outbox.pending()).length);
  lastPublish.set(report);
  social.noteOwnEvent(event);
  return report;
}

/** The signed-in user's hex public key. */
export function me(): string {
  return sessionState.get().pubkey ?? '';
}

/** Fetches one event by id from the relays; the pool returns only events whose id and signature check out. */
export async function fetchEvent(id: string): Promise<SignedEvent | undefined> {
  const cached = social.cachedEvent(id);
  if (cached) return cached;
  const [event] = await pool.query([{ ids: [id] }], { timeoutMs: 5000 });
  if (event && event.id === id) social.cacheEvent(event);
  return event && event.id === id ? event : undefined;
}

