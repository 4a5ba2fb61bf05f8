import { okMessage } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** EVENT: one way in, then OK with the pipeline's verdict (NIP-01). */
export async function handleEvent(ctx: HandlerContext, conn: Connection, event: unknown): Promise<void> {
  const result = await ctx.addEvent(event, { source: 'ws', client: conn });
  const id = result.id ?? readableId(event);
  conn.send(okMessage(id, result.ok, result.message));
}

/** The id to echo in OK for input too broken to validate: whatever string it carried, else ''. */
function readableId(event: unknown): string {
  const id = (event as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length <= 64 ? id : '';
}
