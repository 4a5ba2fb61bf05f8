import { closedMessage, reason } from '@lifeline/nostr';
import { streamQuery } from '@lifeline/store';
import type { Connection } from '../connection.js';
import { queryCost } from '../query-cost.js';
import type { HandlerContext } from './context.js';
import { admitFilters } from './filters.js';

/**
 * REQ: registers the live subscription first, then streams the stored query, so nothing
 * published meanwhile is missed; live events that arrive during the query wait and are sent after
 * EOSE, minus any the query already returned (no gap, no duplicate).
 *
 * The stored query runs off the event loop (the store's reader threads) and comes back in chunks
 * pulled one at a time: the next is read only once the client has taken most of the last
 * (`whenWritable`), so a client that never reads holds one chunk, not its whole result. Closing,
 * replacing or dropping the subscription aborts the query, queued or running.
 */
export async function handleReq(ctx: HandlerContext, conn: Connection, subId: string, raw: unknown[]): Promise<void> {
  const filters = admitFilters(ctx, conn, subId, raw);
  if (!filters) return;
  const refusal = conn.admitQuery(queryCost(filters, ctx.limits.maxLimit));
  if (refusal) return conn.send(closedMessage(subId, refusal));
  const sub = conn.subscribe(subId, filters);
  if (!sub) {
    const max = ctx.limits.maxSubscriptions;
    return conn.send(closedMessage(subId, reason('rate-limited', `too many subscriptions (max ${max})`)));
  }
  const query = conn.beginQuery(sub.query);
  const { signal } = query;
  const sent = new Set<string>();
  try {
    for await (const chunk of streamQuery(ctx.store, filters, { maxLimit: ctx.limits.maxLimit, signal, owner: conn })) {
      for (const s of chunk) {
        sent.add(idOf(s.json) ?? s.event.id);
        conn.sendEvent(sub.prefix, s.json);
      }
      await conn.whenWritable(signal);
    }
  } catch {
    // Closed, replaced or dropped meanwhile: nobody wants the answer.
    if (signal.aborted) return;
    conn.discard(sub);
    return conn.send(closedMessage(subId, reason('error', 'query failed')));
  } finally {
    conn.endQuery(query);
  }
  if (conn.isOpen(sub)) conn.endStored(sub, sent);
}

const ID_AT = '{"id":"'.length;

/** The id of a stored event's canonical JSON, which starts with it (the shape check orders the fields). */
function idOf(json: string): string | undefined {
  return json.startsWith('{"id":"') ? json.slice(ID_AT, ID_AT + 64) : undefined;
}
