import type { NostrEvent } from './types.js';
import { VANISH_KIND } from './kinds.js';
import { sameRelayUrl } from './relayUrl.js';

/** The `relay` tag value that addresses every relay (NIP-62: exactly, in uppercase). */
export const ALL_RELAYS = 'ALL_RELAYS';

/** True for a kind-62 request to vanish, whichever relays it names. */
export function isVanishRequest(event: Pick<NostrEvent, 'kind'>): boolean {
  return event.kind === VANISH_KIND;
}

/** True when a request to vanish names this relay (by normalized URL) or ALL_RELAYS. */
export function vanishApplies(event: Pick<NostrEvent, 'kind' | 'tags'>, relayUrl: string): boolean {
  if (!isVanishRequest(event)) return false;
  for (const [name, value] of event.tags) {
    if (name !== 'relay' || value === undefined) continue;
    if (value === ALL_RELAYS || sameRelayUrl(value, relayUrl)) return true;
  }
  return false;
}
