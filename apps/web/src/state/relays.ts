import { createRelayPool, normalizeRelayUrls, signerAuthenticator, type SignedEvent } from '@lifeline/client';
import { currentSigner } from './session.js';
import { createStore } from './store.js';

/** The node that served this page is always the first relay: ws(s)://<this host>. */
export function ownRelayUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** The relays in use (NIP-65 list, or the node's own relay until one is loaded). */
export const relayList = createStore<string[]>([ownRelayUrl()]);

/** The relay pool every read and write goes through (timeouts, failover, verification inside). */
export const pool = createRelayPool({
  relays: relayList.get(),
  WebSocket: WebSocket as never,
  // NIP-42: a relay that requires auth is answered with whichever signer is unlocked at that moment.
  authenticate: signerAuthenticator({
    getPublicKey: () => currentSigner().getPublicKey(),
    signEvent: (t) => currentSigner().signEvent(t),
  }),
});
relayList.subscribe((urls) => pool.setRelays(normalizeRelayUrls(urls)));

/** What one publish got from each write relay. */
export interface PublishReport {
  event: SignedEvent;
  results: Array<{ relay: string; ok: boolean; message: string; timedOut: boolean }>;
  /** True when no relay accepted it and it waits in the outbox. */
  queued: boolean;
}

/** The last publish's per-relay answers (shown in Settings → Relays). */
export const lastPublish = createStore<PublishReport | null>(null);
