import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** CLOSE: stops a subscription; unknown ids are ignored (NIP-01 needs no reply). */
export function handleClose(_ctx: HandlerContext, conn: Connection, subId: string): void {
  conn.unsubscribe(subId);
}
