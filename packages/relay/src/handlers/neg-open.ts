import { NEG_LIFELINE_SPLITTING, Negentropy, NegentropyStorage, negPayloadBytes, reason } from '@lifeline/nostr';
import { collectSyncItems } from '@lifeline/store';
import type { Connection } from '../connection.js';
import { nativeSha256 } from '../native-sha256.js';
import type { HandlerContext } from './context.js';
import { answer, endSession, failSession, sessionsOf, touch, type NegSession } from './neg-session.js';

/** Work units a NEG-OPEN spends from the connection's query budget (query-cost.ts: 1 per 100 events). */
const NEG_OPEN_COST = 100;

/**
 * NEG-OPEN (NIP-77): reads the (created_at, id) records of the events matching the filter on a
 * reader thread, then answers the client's first negentropy message. Reusing an open id replaces
 * that session. Refused with NEG-ERR past the per-connection session cap, for filters the relay
 * would refuse in a REQ, and for a set larger than the record cap.
 */
export async function handleNegOpen(
  ctx: HandlerContext,
  conn: Connection,
  subId: string,
  rawFilter: unknown,
  hex: string,
): Promise<void> {
  endSession(conn, subId);
  const sessions = sessionsOf(conn);
  const { maxSessions, maxRecords } = ctx.negentropy;
  if (sessions.size >= maxSessions)
    return failSession(conn, subId, reason('blocked', `too many open negentropy sessions (max ${maxSessions})`));
  // Cheap checks before any read: the payload must at least be hex.
  if (!negPayloadBytes(hex)?.length) return failSession(conn, subId, reason('invalid', 'message is not hex'));
  const filters = ctx.checkFilters([rawFilter], conn);
  if (typeof filters === 'string') return failSession(conn, subId, filters);
  // Reading a set can mean a million rows: it pays like a REQ asking for 10,000 events.
  const refusal = conn.admitQuery(NEG_OPEN_COST);
  if (refusal) return failSession(conn, subId, refusal);
  const session: NegSession = { load: new AbortController() };
  sessions.set(subId, session);
  const query = conn.beginQuery(session.load);
  let items: Awaited<ReturnType<typeof collectSyncItems>>;
  try {
    items = await collectSyncItems(ctx.store, filters, { max: maxRecords, signal: session.load.signal, owner: conn });
  } catch {
    // Replaced, closed or disconnected while loading: the newer state already answered.
    if (session.load.signal.aborted) return;
    return failSession(conn, subId, reason('error', 'could not read the events to sync'));
  } finally {
    conn.endQuery(query);
  }
  if (sessions.get(subId) !== session) return;
  if (items.tooMany)
    return failSession(conn, subId, reason('blocked', `this query is too big (max ${maxRecords} events)`));
  session.negentropy = new Negentropy(
    NegentropyStorage.fromSorted(items.timestamps, items.ids, nativeSha256),
    ctx.negentropy.frameBytes,
    NEG_LIFELINE_SPLITTING,
  );
  touch(ctx, conn, subId, session);
  answer(ctx, conn, subId, session, hex);
}
