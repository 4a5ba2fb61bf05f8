import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** CLOSE: stops a subscription; unknown ids are ignored (NIP-01 needs no reply). */
export function handleClose(ctx: HandlerContext, conn: Connection, subId: string): void {
  const sub = conn.subscriptions.get(subId);
  if (!sub) return;
  conn.subscriptions.delete(subId);
  ctx.index.remove(sub);
}
