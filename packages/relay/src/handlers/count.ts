import { closedMessage, countMessage, reason } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import { queryCost } from '../query-cost.js';
import type { HandlerContext } from './context.js';
import { admitFilters } from './filters.js';

/** COUNT (NIP-45): the number of stored events matching the filters, counted off the event loop. */
export async function handleCount(ctx: HandlerContext, conn: Connection, subId: string, raw: unknown[]): Promise<void> {
  const filters = admitFilters(ctx, conn, subId, raw);
  if (!filters) return;
  const refusal = conn.admitQuery(queryCost(filters, ctx.limits.maxLimit));
  if (refusal) return conn.send(closedMessage(subId, refusal));
  const query = conn.beginQuery();
  try {
    conn.send(countMessage(subId, await ctx.store.count(filters, { signal: query.signal, owner: conn })));
  } catch {
    if (!query.signal.aborted) conn.send(closedMessage(subId, reason('error', 'count failed')));
  } finally {
    conn.endQuery(query);
  }
}
