import type { parseClientMessage } from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import { handleAuth } from './auth.js';
import { handleClose } from './close.js';
import type { HandlerContext } from './context.js';
import { handleCount } from './count.js';
import { handleEvent } from './event.js';
import { handleNegClose } from './neg-close.js';
import { handleNegMsg } from './neg-msg.js';
import { handleNegOpen } from './neg-open.js';
import { handleReq } from './req.js';

/** A client message that parsed. */
export type ClientMessage = Exclude<ReturnType<typeof parseClientMessage>, { type: 'error' }>;
/** Each verb's message, by verb. */
type ByVerb = { [M in ClientMessage as M['type']]: M };
type Verb = keyof ByVerb;
type Handler<V extends Verb> = (ctx: HandlerContext, conn: Connection, msg: ByVerb[V]) => void | Promise<void>;

/** One handler per verb, each typed by its own message, and the NIP that defines the verb. */
const handlers: { [V in Verb]: { nip: number; handle: Handler<V> } } = {
  EVENT: { nip: 1, handle: (ctx, conn, m) => handleEvent(ctx, conn, m.event) },
  REQ: { nip: 1, handle: (ctx, conn, m) => handleReq(ctx, conn, m.subId, m.filters) },
  CLOSE: { nip: 1, handle: (ctx, conn, m) => handleClose(ctx, conn, m.subId) },
  COUNT: { nip: 45, handle: (ctx, conn, m) => handleCount(ctx, conn, m.subId, m.filters) },
  AUTH: { nip: 42, handle: (ctx, conn, m) => handleAuth(ctx, conn, m.event) },
  'NEG-OPEN': { nip: 77, handle: (ctx, conn, m) => handleNegOpen(ctx, conn, m.subId, m.filter, m.message) },
  'NEG-MSG': { nip: 77, handle: (ctx, conn, m) => handleNegMsg(ctx, conn, m.subId, m.message) },
  'NEG-CLOSE': { nip: 77, handle: (ctx, conn, m) => handleNegClose(ctx, conn, m.subId) },
};

/** Runs the handler for the message's verb. */
export function dispatch<V extends Verb>(ctx: HandlerContext, conn: Connection, msg: ByVerb[V] & { type: V }) {
  const handler: Handler<V> = handlers[msg.type].handle;
  return handler(ctx, conn, msg);
}

/** The NIPs whose verbs the relay answers. */
export const verbNips: readonly number[] = Object.values(handlers).map((h) => h.nip);
