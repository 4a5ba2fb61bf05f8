import { reason } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';
import { answer, failSession, sessionsOf } from './neg-session.js';

/** NEG-MSG (NIP-77): the initiator's next message in an open session. */
export function handleNegMsg(ctx: HandlerContext, conn: Connection, subId: string, hex: string): void {
  const session = sessionsOf(conn).get(subId);
  if (!session) {
    failSession(conn, subId, reason('closed', 'no open negentropy session with this id'));
    return;
  }
  if (!session.negentropy) {
    failSession(conn, subId, reason('invalid', 'wait for the answer to NEG-OPEN'));
    return;
  }
  answer(ctx, conn, subId, session, hex);
}
