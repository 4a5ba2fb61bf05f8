import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import type { EventTemplate, SignedEvent } from './types.js';

/** A test key that signs templates for real. */
export function testKey() {
  const sk = generateSecretKey();
  return { pubkey: getPublicKey(sk), sign: (t: EventTemplate): SignedEvent => finalizeEvent(t, sk) as SignedEvent };
}
