import type { Context } from 'hono';
import { verifyEvent } from 'nostr-tools/pure';
import { parseAuthHeader } from '@lifeline/blossom';
import { checkHttpAuth, hasValidId, nowSeconds } from '@lifeline/nostr';
import { httpError } from '../http/errors.js';

/**
 * NIP-98 for the review queue: the pubkey that signed a valid token for exactly this request, which
 * must be a desk member. 401 without a valid token, 403 for anyone else. `origin` replaces the
 * request's origin when the node sits behind a proxy (--public-url).
 */
export function requireMember(
  c: Context,
  isMember: (pubkey: string) => boolean,
  origin: string,
  body?: Uint8Array,
): string {
  const header = c.req.header('authorization');
  if (!header) throw unauthorized('this endpoint requires a NIP-98 authorization');
  const parsed = parseAuthHeader(header);
  if (!parsed.ok) throw unauthorized(parsed.reason);
  const event = parsed.event;
  const requested = new URL(c.req.url);
  const url = origin ? `${origin}${requested.pathname}${requested.search}` : requested.href;
  const rules = checkHttpAuth(event, { url, method: c.req.method, now: nowSeconds(), ...(body ? { body } : {}) });
  if (!rules.ok) throw unauthorized(rules.reason);
  const { id, pubkey, created_at, kind, tags, content, sig } = event;
  if (!hasValidId(event) || !verifyEvent({ id, pubkey, created_at, kind, tags, content, sig }))
    throw unauthorized('authorization signature is invalid');
  if (!isMember(pubkey)) throw httpError('not-member');
  return pubkey;
}

const unauthorized = (message: string) => httpError('unauthorized', message, { 'www-authenticate': 'Nostr' });
