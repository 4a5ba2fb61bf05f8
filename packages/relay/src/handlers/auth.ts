import { computeEventId, nowSeconds, okMessage, reason, validateAuthEvent, validateEventShape } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import { nativeSha256Hex } from '../native-sha256.js';
import type { HandlerContext } from './context.js';

/** AUTH (NIP-42): checks the signed challenge and remembers the pubkey for this connection. */
export async function handleAuth(ctx: HandlerContext, conn: Connection, input: unknown): Promise<void> {
  const shape = validateEventShape(input);
  if (!shape.ok) {
    conn.send(okMessage('', false, shape.reason));
    return;
  }
  const event = shape.event;
  const fail = (message: string) => conn.send(okMessage(event.id, false, message));
  if (computeEventId(event, nativeSha256Hex) !== event.id)
    return fail(reason('invalid', 'event id does not match its content'));
  const problem = validateAuthEvent(event, {
    challenge: conn.challenge,
    relayUrl: ctx.relayUrl,
    now: nowSeconds(),
  });
  if (problem) return fail(problem);
  if (!(await ctx.verifier.verify(event))) return fail(reason('invalid', 'bad signature'));
  conn.authed.add(event.pubkey);
  conn.send(okMessage(event.id, true, ''));
}
