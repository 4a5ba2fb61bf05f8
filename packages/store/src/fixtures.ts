import { finalizeEvent, generateSecretKey, getEventHash, getPublicKey } from 'nostr-tools/pure';
import type { NostrEvent } from '@lifeline/nostr';
import type { StoredEvent } from './index.js';

/** A test identity: secret key and its hex pubkey. */
export interface TestKey {
  secret: Uint8Array;
  pubkey: string;
}

/** A fresh random key pair. */
export function newKey(): TestKey {
  const secret = generateSecretKey();
  return { secret, pubkey: getPublicKey(secret) };
}

/** The fields a test chooses; everything else gets a harmless default. */
export interface Draft {
  kind?: number;
  created_at?: number;
  tags?: string[][];
  content?: string;
}

/** Signs a draft with a real BIP-340 signature, so ids are what a relay would compute. */
export function sign(key: TestKey, draft: Draft = {}): NostrEvent {
  const event = finalizeEvent(
    {
      kind: draft.kind ?? 1,
      created_at: draft.created_at ?? 1_700_000_000,
      tags: draft.tags ?? [],
      content: draft.content ?? '',
    },
    key.secret,
  );
  return {
    id: event.id,
    pubkey: event.pubkey,
    created_at: event.created_at,
    kind: event.kind,
    tags: event.tags,
    content: event.content,
    sig: event.sig,
  };
}

/** Wraps an event the way the relay hands it to a store: serialized once. */
export function stored(event: NostrEvent): StoredEvent {
  return { event, json: JSON.stringify(event) };
}

/** Signs and wraps in one step. */
export function make(key: TestKey, draft: Draft = {}): StoredEvent {
  return stored(sign(key, draft));
}

/**
 * Like `make` with the right id but a dummy signature: Schnorr signing costs ~1-15 ms here, and
 * bulk tests need thousands of events that a store never verifies.
 */
export function makeFast(key: TestKey, draft: Draft = {}): StoredEvent {
  const unsigned = {
    pubkey: key.pubkey,
    kind: draft.kind ?? 1,
    created_at: draft.created_at ?? 1_700_000_000,
    tags: draft.tags ?? [],
    content: draft.content ?? '',
  };
  const id = getEventHash(unsigned);
  return stored({ id, ...unsigned, sig: '0'.repeat(128) });
}

/** Small deterministic PRNG (mulberry32) so randomized failures can be replayed by seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
