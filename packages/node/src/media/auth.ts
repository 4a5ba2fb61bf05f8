import type { Context } from 'hono';
import { checkAuthEvent, namesHash, parseAuthHeader, type BlossomVerb } from '@lifeline/blossom';
import type { NostrEvent } from '@lifeline/nostr';
import { mediaError, serverNames, type MediaDeps } from './context.js';
import { nowSeconds } from '@lifeline/nostr';

/** A checked BUD-11 token: its signer and the event (for x checks made later). */
export interface Authorized {
  pubkey: string;
  event: NostrEvent;
}

/**
 * Checks the request's BUD-11 token for `verb` (and the hashes, when known now). Without a token,
 * returns undefined unless `required`, which answers 401. A bad token is always 401, with why.
 */
export function authorize(
  c: Context,
  deps: MediaDeps,
  verb: BlossomVerb,
  required: boolean,
  hashes?: string[],
): Authorized | undefined {
  const header = c.req.header('authorization');
  if (!header) {
    if (required)
      throw mediaError(
        'auth-required',
        `this endpoint requires a Blossom authorization (kind 24242 event with t=${verb})`,
      );
    return undefined;
  }
  const parsed = parseAuthHeader(header);
  if (!parsed.ok) throw unauthorized(parsed.reason);
  const now = nowSeconds();
  const result = checkAuthEvent(parsed.event, {
    verb,
    now,
    servers: serverNames(c, deps),
    ...(hashes ? { hashes } : {}),
  });
  if (!result.ok) throw unauthorized(result.reason);
  return { pubkey: result.pubkey, event: parsed.event };
}

/** Throws 401 unless the token names one of the hashes (for checks made after reading a body). */
export function requireHash(auth: Authorized | undefined, hashes: string[]): void {
  if (!auth) return;
  const named = namesHash(auth.event, hashes);
  if (named !== true) throw unauthorized(named);
}

const unauthorized = (reason: string) => mediaError('unauthorized', reason);
