import { closedMessage, countMessage, reason } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** COUNT (NIP-45): the number of stored events matching the filters. */
export async function handleCount(ctx: HandlerContext, conn: Connection, subId: string, raw: unknown[]): Promise<void> {
  if (ctx.authRequired && conn.authed.size === 0) {
    conn.send(closedMessage(subId, reason('auth-required', 'authenticate to read from this relay')));
    return;
  }
  const filters = ctx.checkFilters(raw, conn);
  if (typeof filters === 'string') {
    conn.send(closedMessage(subId, filters));
    return;
  }
  try {
    conn.send(countMessage(subId, await ctx.store.count(filters)));
  } catch {
    conn.send(closedMessage(subId, reason('error', 'count failed')));
  }
}
