import { verifyEvent } from 'nostr-tools/pure';
import { validateEventShape } from '@lifeline/nostr';
import type { SignedEvent } from './types.js';

/**
 * Returns a fresh copy of `x` when it is a well-formed NIP-01 event (@lifeline/nostr's shape
 * rules) whose id is the hash of its content and whose signature is valid, else undefined.
 * The copy carries only the NIP-01 fields and its own tag arrays: nostr-tools caches a "verified"
 * mark on event objects, and a fresh object can never inherit one.
 */
export function verifiedEvent(x: unknown): SignedEvent | undefined {
  const shape = validateEventShape(x);
  if (!shape.ok) return undefined;
  const copy: SignedEvent = { ...shape.event, tags: shape.event.tags.map((t) => [...t]) };
  try {
    // verifyEvent checks the id (NIP-01 hash) and then the Schnorr signature.
    return verifyEvent(copy) ? plainEvent(copy) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Copies only the NIP-01 fields, dropping nostr-tools' cached verification mark, so later edits of
 * the object are never trusted.
 */
export function plainEvent(e: SignedEvent): SignedEvent {
  return {
    id: e.id,
    pubkey: e.pubkey,
    created_at: e.created_at,
    kind: e.kind,
    tags: e.tags,
    content: e.content,
    sig: e.sig,
  };
}
