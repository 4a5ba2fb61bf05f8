import { closedMessage, countMessage, reason } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';
import { admitFilters } from './filters.js';

/** COUNT (NIP-45): the number of stored events matching the filters. */
export async function handleCount(ctx: HandlerContext, conn: Connection, subId: string, raw: unknown[]): Promise<void> {
  const filters = admitFilters(ctx, conn, subId, raw);
  if (!filters) return;
  try {
    conn.send(countMessage(subId, await ctx.store.count(filters)));
  } catch {
    conn.send(closedMessage(subId, reason('error', 'count failed')));
  }
}
