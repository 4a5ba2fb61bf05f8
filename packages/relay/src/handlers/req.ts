import { closedMessage, compileFilter, reason } from '@lifeline/nostr';
import { streamQuery, type StoredEvent } from '@lifeline/store';
import type { Connection } from '../connection.js';
import { queryCost } from '../query-cost.js';
import { Outgoing } from '../subscriptions.js';
import type { HandlerContext } from './context.js';
import { admitFilters } from './filters.js';

/**
 * REQ: registers the live subscription first, then streams the stored query, so nothing
 * published meanwhile is missed; live events that arrive during the query wait and are sent after
 * EOSE, minus any the query already returned (no gap, no duplicate).
 *
 * The stored query runs off the event loop (the store's reader threads) and comes back in chunks
 * pulled one at a time, each only on the connection's turn (`chunkTurn`: its client has taken most
 * of what was sent, and none of its other queries is reading), so a client that never reads holds
 * about one chunk, not its whole result. Closing, replacing or dropping the subscription aborts the
 * query, queued or running.
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
  // Delivered live a moment ago but not committed yet: the stored query may not see these.
  const matchers = filters.map((f) => compileFilter(f));
  for (const { event, json } of ctx.inFlight())
    if (matchers.some((m) => m(event))) sub.deliver(new Outgoing(event, json));
  const query = conn.beginQuery(sub.query);
  const { signal } = query;
  const sent = new Set<string>();
  const chunks = streamQuery(ctx.store, filters, { maxLimit: ctx.limits.maxLimit, signal, owner: conn })[
    Symbol.asyncIterator
  ]();
  try {
    for (;;) {
      const done = await conn.chunkTurn(signal);
      try {
        const next = await chunks.next();
        if (next.done) break;
        for (const s of next.value) {
          sent.add(idOf(s));
          conn.sendEvent(sub.prefix, s.bytes ?? s.json);
        }
      } finally {
        done();
      }
    }
  } catch {
    await chunks.return?.().catch(() => {});
    // Closed, replaced or dropped meanwhile: nobody wants the answer.
    if (signal.aborted) return;
    conn.discard(sub);
    return conn.send(closedMessage(subId, reason('error', 'query failed')));
  } finally {
    conn.endQuery(query);
  }
  // Another process's commits reach this one through the store's feed a moment later: those the
  // stored answer already held must arrive while live events are still held, to be dropped.
  if (ctx.store.caughtUp && conn.isOpen(sub)) await ctx.store.caughtUp().catch(() => undefined);
  if (conn.isOpen(sub)) conn.endStored(sub, sent);
}

const ID_KEY = '{"id":"';
const ID_AT = ID_KEY.length;

/**
 * A stored event's id, read from the start of its canonical JSON (the shape check orders the
 * fields), so neither its bytes need decoding nor its JSON parsing.
 */
function idOf(s: StoredEvent): string {
  const head =
    s.bytes === undefined
      ? s.json.slice(0, ID_AT + 64)
      : Buffer.from(s.bytes.buffer, s.bytes.byteOffset, Math.min(s.bytes.byteLength, ID_AT + 64)).toString('latin1');
  return head.startsWith(ID_KEY) && head.length === ID_AT + 64 ? head.slice(ID_AT) : s.event.id;
}
