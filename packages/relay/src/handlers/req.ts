import { closedMessage, eoseMessage, reason } from '@lifeline/nostr';
import { deliverTo, type Connection, type LiveSubscription } from '../connection.js';
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
  const previous = conn.subscriptions.get(subId);
  if (previous) ctx.index.remove(previous); // NIP-01: a REQ with a used id replaces it
  else if (conn.subscriptions.size >= ctx.limits.maxSubscriptions) {
    conn.send(closedMessage(subId, reason('rate-limited', `too many subscriptions (max ${ctx.limits.maxSubscriptions})`)));
    return;
  }
  const prefix = Buffer.from(`["EVENT",${JSON.stringify(subId)},`);
  const sub: LiveSubscription = { id: subId, filters, pending: [], prefix, deliver: () => {} };
  sub.deliver = deliverTo(conn, sub);
  conn.subscriptions.set(subId, sub);
  ctx.index.add(sub);
  let stored;
  try {
    stored = await ctx.store.query(filters, { maxLimit: ctx.limits.maxLimit });
  } catch {
    ctx.index.remove(sub);
    if (conn.subscriptions.get(subId) === sub) conn.subscriptions.delete(subId);
    conn.send(closedMessage(subId, reason('error', 'query failed')));
    return;
  }
  // Replaced or closed while the query ran: its results are no longer wanted.
  if (conn.subscriptions.get(subId) !== sub) return;
  const sent = new Set<string>();
  for (const s of stored) {
    sent.add(s.event.id);
    conn.sendEvent(prefix, Buffer.from(s.json));
  }
  conn.send(eoseMessage(subId));
  const pending = sub.pending ?? [];
  sub.pending = undefined;
  for (const p of pending) if (!sent.has(p.id)) conn.sendEvent(prefix, Buffer.from(p.json));
}
