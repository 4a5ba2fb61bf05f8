import { createRelayPool, normalizeRelayUrls, signerAuthenticator, type SignedEvent } from '@lifeline/client';
import { currentSigner } from './session.js';
import { createStore } from './store.js';

/** The node that served this page is always the first relay: ws(s)://<this host>. */
export function ownRelayUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** The relays in use (NIP-65 list, or the node's own relay until one is loaded). */
export const relayList = createStore<string[]>([ownRelayUrl()]);

/** NIP-65 markers: a relay is read from, written to, or both (the default). */
export type RelayMode = 'both' | 'read' | 'write';
export const relayModes = createStore<Record<string, RelayMode>>({});

/** created_at of the newest relay list known (loaded or published), so a new one never ties with it. */
export let relayListAt = 0;
/** Records a relay list's created_at. */
export function noteRelayListAt(createdAt: number): void {
  relayListAt = Math.max(relayListAt, createdAt);
}

/** Relays timelines and lookups read from. */
export function readRelays(): string[] {
  const modes = relayModes.get();
  return relayList.get().filter((u) => (modes[u] ?? 'both') !== 'write');
}

/** Relays every post is published to. */
export function writeRelays(): string[] {
  const modes = relayModes.get();
  return relayList.get().filter((u) => (modes[u] ?? 'both') !== 'read');
}

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
// Reads go to the read relays; publishing names the write relays explicitly (outbox.ts).
const applyReadRelays = () => pool.setRelays(normalizeRelayUrls(readRelays()));
relayList.subscribe(applyReadRelays);
relayModes.subscribe(applyReadRelays);

/** What one publish got from each write relay. */
export interface PublishReport {
  event: SignedEvent;
  results: Array<{ relay: string; ok: boolean; message: string; timedOut: boolean }>;
  /** True when no relay accepted it and it waits in the outbox. */
  queued: boolean;
}

/** The last publish's per-relay answers (shown in Settings → Relays). */
export const lastPublish = createStore<PublishReport | null>(null);
