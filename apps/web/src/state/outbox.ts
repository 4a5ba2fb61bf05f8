import { createOutbox } from '@lifeline/client';
import { pool, writeRelays } from './relays.js';
import { kv } from './session.js';
import { createStore } from './store.js';

/**
 * Signed events not yet accepted by any relay, persisted so they survive a reload and retried on a
 * timer and whenever a relay connection opens (the client core's outbox).
 */
export const outbox = createOutbox({
  store: kv,
  pool,
  writeRelays: () => writeRelays(),
  retryMs: 15_000,
  publishTimeoutMs: 6000,
});
/** How many events wait. */
export const outboxCount = createStore(0);
/** Whether the browser thinks it is online. */
export const online = createStore(navigator.onLine);

/** Starts retrying, keeps the count current, and flushes when the network comes back. */
export function startOutbox(): () => void {
  const recount = () =>
    void outbox.pending().then(
      (p) => outboxCount.set(p.length),
      () => {},
    );
  const offChange = outbox.onChange(recount);
  const up = () => {
    online.set(true);
    void outbox.flush().catch(() => {});
  };
  const down = () => online.set(false);
  addEventListener('online', up);
  addEventListener('offline', down);
  outbox.start();
  recount();
  return () => {
    outbox.stop();
    offChange();
    removeEventListener('online', up);
    removeEventListener('offline', down);
  };
}
