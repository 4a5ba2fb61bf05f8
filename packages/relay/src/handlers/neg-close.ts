import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';
import { endSession } from './neg-session.js';

/** NEG-CLOSE (NIP-77): frees the session; unknown ids are ignored, as for CLOSE. */
export function handleNegClose(_ctx: HandlerContext, conn: Connection, subId: string): void {
  endSession(conn, subId);
}
