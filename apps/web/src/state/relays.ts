import {
  createRelayPool,
  normalizeRelayUrls,
  relayListOrDefault,
  signerAuthenticator,
  type SignedEvent,
} from '@lifeline/client';
import { currentSigner } from './session.js';
import { createStore } from './store.js';
import { learnMirrors, rememberedMirrors } from './mirrors.js';

/** The node that served this page is always the first relay: ws(s)://<this host>. */
export function ownRelayUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
}

/** The relays in use (NIP-65 list, or the node's own relay and its mirrors until one is loaded). */
export const relayList = createStore<string[]>([ownRelayUrl(), ...rememberedMirrors()]);

/** NIP-65 markers: a relay is read from, written to, or both (the default). */
export type RelayMode = 'both' | 'read' | 'write';
export const relayModes = createStore<Record<string, RelayMode>>({});

/** created_at of the newest relay list known (loaded or published), so a new one never ties with it. */
export let relayListAt = 0;
/** Records a relay list's created_at. */
export function noteRelayListAt(createdAt: number): void {
  relayListAt = Math.max(relayListAt, createdAt);
}

/**
 * Adopts the user's NIP-65 relay list (kind 10002) unless a newer one is already in use: read and
 * write wherever the user said; this node stays in the list as well.
 */
export function applyRelayListEvent(e: SignedEvent): void {
  if (e.created_at <= relayListAt) return;
  const own = ownRelayUrl();
  // The node's mirrors stay too, so the user's own list never removes the way around an outage.
  const node = [own, ...rememberedMirrors()];
  const list = relayListOrDefault(e, node);
  const urls = [...new Set([...node, ...list.read, ...list.write])];
  const modes: Record<string, RelayMode> = {};
  for (const u of urls) {
    const r = list.read.includes(u) || node.includes(u);
    const w = list.write.includes(u) || node.includes(u);
    modes[u] = r && w ? 'both' : r ? 'read' : 'write';
  }
  relayModes.set(modes);
  relayList.set(urls);
  noteRelayListAt(e.created_at);
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

/**
 * Asks the serving node for its mirrors and adds any new one to the relays in use (read and write),
 * so reading and posting continue from a mirror when the node goes down.
 */
export async function addNodeMirrors(): Promise<void> {
  const mirrors = await learnMirrors();
  const list = relayList.get();
  const fresh = mirrors.filter((u) => !list.includes(u));
  if (fresh.length === 0) return;
  relayModes.set({ ...relayModes.get(), ...Object.fromEntries(fresh.map((u) => [u, 'both' as RelayMode])) });
  relayList.set([...list, ...fresh]);
}
