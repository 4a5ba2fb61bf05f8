import { finalizeEvent, generateSecretKey, getEventHash, getPublicKey } from 'nostr-tools/pure';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { NostrEvent } from '@lifeline/nostr';

/** A key pair for tests: secret key bytes and hex pubkey. */
export interface TestKeys {
  sk: Uint8Array;
  pk: string;
}

/** The fields a test chooses; the rest default to a kind-1 note "hello" with no tags, created now. */
export type EventDraft = Partial<Pick<NostrEvent, 'kind' | 'created_at' | 'tags' | 'content'>>;

/** Generates a fresh key pair. */
export function keys(): TestKeys {
  const sk = generateSecretKey();
  return { sk, pk: getPublicKey(sk) };
}

function template(draft: EventDraft) {
  return {
    kind: draft.kind ?? 1,
    created_at: draft.created_at ?? Math.floor(Date.now() / 1000),
    tags: draft.tags ?? [],
    content: draft.content ?? 'hello',
  };
}

/**
 * Signs a draft with a real BIP-340 signature. The result is a plain object, as it arrives from the
 * wire: nostr-tools marks its own events with a "verified" symbol that deepEqual would compare.
 */
export function signed(who: TestKeys, draft: EventDraft = {}): NostrEvent {
  const { id, pubkey, created_at, kind, tags, content, sig } = finalizeEvent(template(draft), who.sk);
  return { id, pubkey, created_at, kind, tags, content, sig };
}

/**
 * Like `signed` with the right id but a dummy signature: Schnorr signing costs milliseconds, and
 * tests of code that never verifies (stores, feeds) may need thousands of events.
 */
export function fakeSigned(who: Pick<TestKeys, 'pk'>, draft: EventDraft = {}): NostrEvent {
  const unsigned = { pubkey: who.pk, ...template(draft) };
  return { id: getEventHash(unsigned), ...unsigned, sig: '0'.repeat(128) };
}

/** An event-shaped object with placeholder id, pubkey and signature, for code that checks none of them. */
export function fakeEvent(over: Partial<NostrEvent> = {}): NostrEvent {
  return {
    id: '0'.repeat(64),
    pubkey: 'a'.repeat(64),
    created_at: 1_700_000_000,
    kind: 1,
    tags: [],
    content: 'hello',
    sig: 'f'.repeat(128),
    ...over,
  };
}

/** An `Authorization` header value carrying a signed event: `Nostr <base64url JSON>` (NIP-98, BUD-11). */
export function nostrAuthorization(event: object): string {
  return `Nostr ${Buffer.from(JSON.stringify(event)).toString('base64url')}`;
}

/**
 * A NIP-98 `Authorization` header for one request, signed by `who`: kind 27235 with `u` and
 * `method`, and a `payload` hash when a body is given.
 */
export function httpAuth(who: TestKeys, url: string, method: string, body?: string | Uint8Array): string {
  const tags = [
    ['u', url],
    ['method', method],
  ];
  if (body !== undefined)
    tags.push(['payload', bytesToHex(sha256(typeof body === 'string' ? new TextEncoder().encode(body) : body))]);
  return nostrAuthorization(signed(who, { kind: 27235, tags, content: '' }));
}
