import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { HTTP_AUTH_KIND } from './kinds.js';
import type { NostrEvent } from './types.js';

/** NIP-98: a token's created_at must be within this many seconds of now ("suggested 60 seconds"). */
export const HTTP_AUTH_WINDOW_SECONDS = 60;

/** The request a NIP-98 token must match. */
export interface HttpAuthRequest {
  /** The absolute URL requested, query included. */
  url: string;
  method: string;
  now: number;
  /** The request body, when it has one: a token with a `payload` tag must hash it. */
  body?: Uint8Array;
}

/**
 * Checks a NIP-98 token's rules for one request (kind, time, `u`, `method`, `payload`). The event's
 * id and signature are the caller's to verify: this module stays pure and signature-free.
 */
export function checkHttpAuth(event: NostrEvent, req: HttpAuthRequest): { ok: true } | { ok: false; reason: string } {
  if (event.kind !== HTTP_AUTH_KIND) return fail(`authorization must be a kind ${HTTP_AUTH_KIND} event`);
  if (Math.abs(event.created_at - req.now) > HTTP_AUTH_WINDOW_SECONDS)
    return fail('authorization is too old or dated in the future');
  const u = tag(event, 'u');
  if (u === undefined || !sameUrl(u, req.url)) return fail('authorization is for another URL (u tag)');
  if (tag(event, 'method')?.toUpperCase() !== req.method.toUpperCase())
    return fail('authorization is for another method (method tag)');
  const payload = tag(event, 'payload');
  if (payload !== undefined) {
    const hash = bytesToHex(sha256(req.body ?? new Uint8Array()));
    if (payload.toLowerCase() !== hash) return fail('authorization payload hash does not match the body');
  }
  return { ok: true };
}

const tag = (event: NostrEvent, name: string) => event.tags.find((t) => t[0] === name)?.[1];

/** Compares URLs as parsed (so default ports and host case do not matter). */
function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

const fail = (reason: string) => ({ ok: false as const, reason });
