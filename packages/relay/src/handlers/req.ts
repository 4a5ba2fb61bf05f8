import { closedMessage, reason } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';
import { admitFilters } from './filters.js';

/**
 * REQ: registers the live subscription first, then runs the stored query, so nothing published
 * meanwhile is missed; live events that arrive during the query wait and are sent after EOSE,
 * minus any the query already returned (no gap, no duplicate).
 */
export async function handleReq(ctx: HandlerContext, conn: Connection, subId: string, raw: unknown[]): Promise<void> {
  const filters = admitFilters(ctx, conn, subId, raw);
  if (!filters) return;
  const sub = conn.subscribe(subId, filters);
  if (!sub) {
    const max = ctx.limits.maxSubscriptions;
    conn.send(closedMessage(subId, reason('rate-limited', `too many subscriptions (max ${max})`)));
    return;
  }
  let stored;
  try {
    stored = await ctx.store.query(filters, { maxLimit: ctx.limits.maxLimit });
  } catch {
    conn.discard(sub);
    conn.send(closedMessage(subId, reason('error', 'query failed')));
    return;
  }
  // Replaced or closed while the query ran: its results are no longer wanted.
  if (!conn.isOpen(sub)) return;
  const sent = new Set<string>();
  for (const s of stored) {
    sent.add(s.event.id);
    conn.sendEvent(sub.prefix, Buffer.from(s.json));
  }
  conn.endStored(sub, sent);
}
