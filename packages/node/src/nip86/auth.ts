import type { Context } from 'hono';
import { verifyEvent } from 'nostr-tools/pure';
import { parseAuthHeader } from '@lifeline/blossom';
import { checkHttpAuth, hasValidId, nowSeconds } from '@lifeline/nostr';
import { httpError } from '../http/errors.js';

/** Where the relay is reached: its HTTP URL (origin from --public-url) and its WebSocket URL. */
export interface RelayAddress {
  /** https://host or '' to use the request's own origin. */
  origin: string;
  /** ws(s)://host/ as NIP-11 and clients name the relay. */
  relayUrl: string;
}

/**
 * NIP-86 authorization: a NIP-98 token for this exact request whose `payload` tag (required here)
 * hashes the body, signed by one of the admin keys. 401 without a valid token, 403 for anyone else.
 * The `u` tag may name the relay by its HTTP URL or by its WebSocket URL ("the relay URL").
 */
export function requireAdmin(c: Context, admins: ReadonlySet<string>, at: RelayAddress, body: Uint8Array): string {
  const header = c.req.header('authorization');
  if (!header) throw unauthorized('relay management requires a NIP-98 authorization');
  const parsed = parseAuthHeader(header);
  if (!parsed.ok) throw unauthorized(parsed.reason);
  const event = parsed.event;
  if (!event.tags.some((t) => t[0] === 'payload')) throw unauthorized('the authorization needs a payload tag (NIP-86)');
  const requested = new URL(c.req.url);
  const httpUrl = at.origin ? `${at.origin}${requested.pathname}${requested.search}` : requested.href;
  const u = event.tags.find((t) => t[0] === 'u')?.[1] ?? '';
  const url = /^wss?:/i.test(u) ? at.relayUrl : httpUrl;
  const rules = checkHttpAuth(event, { url, method: c.req.method, now: nowSeconds(), body });
  if (!rules.ok) throw unauthorized(rules.reason);
  const { id, pubkey, created_at, kind, tags, content, sig } = event;
  if (!hasValidId(event) || !verifyEvent({ id, pubkey, created_at, kind, tags, content, sig }))
    throw unauthorized('authorization signature is invalid');
  if (!admins.has(pubkey)) throw httpError('not-admin');
  return pubkey;
}

const unauthorized = (message: string) => httpError('unauthorized', message, { 'www-authenticate': 'Nostr' });
