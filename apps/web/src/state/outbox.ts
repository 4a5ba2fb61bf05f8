import { createOutbox, type SignedEvent } from '../pending.js';
import { kv } from './session.js';
import { createStore } from './store.js';

/** Events signed but not yet accepted by any relay; persisted so they survive a reload. */
export const outbox = createOutbox({ store: kv });
/** How many events wait. */
export const outboxCount = createStore(0);
/** Whether the browser thinks it is online. */
export const online = createStore(navigator.onLine);
addEventListener('online', () => online.set(true));
addEventListener('offline', () => online.set(false));

/** Retries every waiting event with `send` now, then every 15 s and whenever the network returns. */
export function startOutbox(send: (e: SignedEvent) => Promise<{ queued: boolean }>): void {
  const flush = async () => {
    for (const e of await outbox.pending()) await send(e).catch(() => {});
    outboxCount.set((await outbox.pending()).length);
  };
  void flush();
  setInterval(flush, 15_000);
  addEventListener('online', () => void flush());
}
