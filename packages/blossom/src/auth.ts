import { verifyEvent } from 'nostr-tools/pure';
import { BLOSSOM_AUTH_KIND, expirationOf, hasValidId, validateEventShape, type NostrEvent } from '@lifeline/nostr';

/** BUD-11: kind of a Blossom authorization token (named in @lifeline/nostr). */
export { BLOSSOM_AUTH_KIND };

/** BUD-11 verbs: the `t` tag a token must carry for each endpoint. */
export type BlossomVerb = 'get' | 'upload' | 'list' | 'delete' | 'media';

/** Largest Authorization header read; a token is one small event, so more is abuse. */
export const MAX_AUTH_HEADER_BYTES = 8192;

/** Tolerated clock skew (seconds) for a token's created_at, so a client a little ahead still works. */
export const AUTH_CLOCK_SKEW_SECONDS = 60;

/** What an endpoint needs a token to prove. */
export interface AuthRequirement {
  verb: BlossomVerb;
  /** Current time in seconds. */
  now: number;
  /** Hashes the request acts on; when set, at least one `x` tag must name one of them. */
  hashes?: readonly string[];
  /** This server's lowercase host names, matched against `server` tags when the token has any. */
  servers: readonly string[];
}

/** Outcome of an authorization check: the signer, or why the token does not authorize. */
export type AuthResult = { ok: true; pubkey: string } | { ok: false; reason: string };

/**
 * Reads `Authorization: Nostr <base64url event>` (BUD-11). Plain base64 is accepted too, since
 * some clients send it. Returns the untrusted event, still to be checked by checkAuthEvent.
 */
export function parseAuthHeader(header: string): { ok: true; event: NostrEvent } | { ok: false; reason: string } {
  if (header.length > MAX_AUTH_HEADER_BYTES) return { ok: false, reason: 'authorization header is too large' };
  const match = /^Nostr\s+([A-Za-z0-9+/_-]+={0,2})\s*$/i.exec(header);
  if (!match?.[1]) return { ok: false, reason: 'authorization must be "Nostr <base64url event>"' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(match[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8'));
  } catch {
    return { ok: false, reason: 'authorization token is not base64-encoded JSON' };
  }
  const shape = validateEventShape(json, { maxTags: 100, maxContentLength: 1024 });
  if (!shape.ok)
    return { ok: false, reason: `authorization token is not a valid event: ${shape.reason.replace(/^invalid: /, '')}` };
  return { ok: true, event: shape.event };
}

/** Checks a parsed token against BUD-11's validation rules for one request. */
export function checkAuthEvent(event: NostrEvent, need: AuthRequirement): AuthResult {
  if (event.kind !== BLOSSOM_AUTH_KIND) return fail(`authorization token must be kind ${BLOSSOM_AUTH_KIND}`);
  if (!hasValidId(event)) return fail('authorization token id does not match its content');
  // A fresh object: nostr-tools caches a verdict on the event under a symbol, which must not be trusted.
  const { id, pubkey, created_at, kind, tags, content, sig } = event;
  if (!verifyEvent({ id, pubkey, created_at, kind, tags, content, sig }))
    return fail('authorization token signature is invalid');
  if (event.created_at > need.now + AUTH_CLOCK_SKEW_SECONDS) return fail('authorization token is dated in the future');
  const expiration = expirationOf(event);
  if (expiration === undefined) return fail('authorization token has no expiration tag');
  if (expiration <= need.now) return fail('authorization token has expired');
  if (!event.tags.some((t) => t[0] === 't' && t[1] === need.verb))
    return fail(`authorization token is not for "${need.verb}" (t tag)`);
  const servers = event.tags.filter((t) => t[0] === 'server').map((t) => (t[1] ?? '').toLowerCase());
  if (servers.length > 0 && !servers.some((s) => need.servers.includes(s))) {
    return fail('authorization token is scoped to other servers');
  }
  if (need.hashes) {
    const x = namesHash(event, need.hashes);
    if (x !== true) return fail(x);
  }
  return { ok: true, pubkey: event.pubkey };
}

/**
 * True when one of the token's `x` tags names one of `hashes`, else the reason it does not. Split
 * from checkAuthEvent for uploads, whose hash is known only once the body has been read.
 */
export function namesHash(event: Pick<NostrEvent, 'tags'>, hashes: readonly string[]): true | string {
  const x = new Set(event.tags.filter((t) => t[0] === 'x').map((t) => t[1]));
  if (x.size === 0) return 'authorization token has no x tag for this blob';
  if (!hashes.some((h) => x.has(h))) return 'authorization token is for another blob (x tag)';
  return true;
}

const fail = (reason: string): AuthResult => ({ ok: false, reason });
