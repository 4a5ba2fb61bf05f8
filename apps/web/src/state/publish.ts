import type { EventTemplate, OutboxEntry, SignedEvent } from '@lifeline/client';
import { outbox } from './outbox.js';
import { currentSigner } from './session.js';
import { noteOwnEvent } from './social.js';
import { createStore } from './store.js';

/** What one publish got from each write relay. */
export interface PublishReport {
  event: SignedEvent;
  results: Array<{ relay: string; ok: boolean; message: string; timedOut: boolean }>;
  /** True when no relay accepted it and it waits in the outbox. */
  queued: boolean;
}

/** The last publish's per-relay answers (shown in Settings → Relays). */
export const lastPublish = createStore<PublishReport | null>(null);

/** Signs a template and sends it to every write relay; unsent events wait in the outbox. */
export async function publish(template: EventTemplate): Promise<PublishReport> {
  const event = await currentSigner().signEvent(template);
  // Shown at once (own timeline, buttons), whether or not a relay is reachable right now.
  noteOwnEvent(event);
  const entry = await outbox.send(event);
  const report = toReport(entry);
  lastPublish.set(report);
  return report;
}

/** Turns an outbox entry into what the UI shows per relay. */
function toReport(entry: OutboxEntry): PublishReport {
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
