import { AUTH_KIND, nowSeconds } from '@lifeline/nostr';
import type { Authenticator } from './relay-connection.js';
import type { Signer } from './signer.js';
import type { EventTemplate } from './types.js';

/** A NIP-42 AUTH template answering `challenge` for `relayUrl`. */
function buildAuthEvent(challenge: string, relayUrl: string): EventTemplate {
  return {
    kind: AUTH_KIND,
    created_at: nowSeconds(),
    tags: [
      ['relay', relayUrl],
      ['challenge', challenge],
    ],
    content: '',
  };
}

/**
 * An Authenticator for the pool that signs challenges with `signer`, only for relays `allow`
 * accepts (by default every relay): authenticating reveals to that relay who is connected.
 */
export function signerAuthenticator(signer: Signer, allow: (relayUrl: string) => boolean = () => true): Authenticator {
  return async (challenge, relayUrl) => {
    if (!allow(relayUrl)) return undefined;
    return signer.signEvent(buildAuthEvent(challenge, relayUrl));
  };
}
