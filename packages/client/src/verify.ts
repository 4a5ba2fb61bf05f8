import { verifyEvent } from 'nostr-tools/pure';
import type { SignedEvent } from './types.js';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

/**
 * Returns a fresh copy of `x` when it is a well-formed NIP-01 event whose id is the hash of its
 * content and whose signature is valid, else undefined. The copy carries only the NIP-01 fields:
 * nostr-tools caches a "verified" mark on event objects, and a fresh object can never inherit one.
 */
export function verifiedEvent(x: unknown): SignedEvent | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const e = x as Record<string, unknown>;
  if (
    typeof e.id !== 'string' || !HEX64.test(e.id) ||
    typeof e.pubkey !== 'string' || !HEX64.test(e.pubkey) ||
    typeof e.sig !== 'string' || !HEX128.test(e.sig) ||
    typeof e.content !== 'string' ||
    !Number.isSafeInteger(e.created_at) || (e.created_at as number) < 0 ||
    !Number.isInteger(e.kind) || (e.kind as number) < 0 || (e.kind as number) > 65535 ||
    !Array.isArray(e.tags) ||
    !e.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'))
  ) {
    return undefined;
  }
  const copy: SignedEvent = {
    id: e.id,
    pubkey: e.pubkey,
    created_at: e.created_at as number,
    kind: e.kind as number,
    tags: (e.tags as string[][]).map((t) => [...t]),
    content: e.content,
    sig: e.sig,
  };
  try {
    return verifyEvent(copy) ? stripMark(copy) : undefined;
  } catch {
    return undefined;
  }
}

/** Drops nostr-tools' cached verification mark so later edits of the object are never trusted. */
function stripMark(e: SignedEvent): SignedEvent {
  return { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig };
}
