import {
  type Negentropy,
  NegentropyFormatError,
  negErrMessage,
  negMsgMessage,
  negPayloadBytes,
  reason,
} from '@lifeline/nostr';
import type { Connection } from '../connection.js';
import type { HandlerContext } from './context.js';

/** The NIP-77 limits the relay enforces. */
export interface NegentropyLimits {
  /** Open sessions per connection. */
  maxSessions: number;
  /** Most records one session may hold. */
  maxRecords: number;
  /** Largest message the relay sends, in bytes before hex (the protocol's frame size limit). */
  frameBytes: number;
  /** A session with no message for this long is closed. */
  idleMs: number;
}

/** One open NIP-77 session: loading its records, then answering each NEG-MSG. */
export interface NegSession {
  /** Aborts the records read while it is still loading. */
  readonly load: AbortController;
  negentropy?: Negentropy;
  timer?: ReturnType<typeof setTimeout>;
}

// Sessions belong to their connection; a WeakMap keeps them off the connection class and lets
// them go with it.
const byConnection = new WeakMap<Connection, Map<string, NegSession>>();

/** The connection's sessions by subscription id (made on first use; emptied when it closes). */
export function sessionsOf(conn: Connection): Map<string, NegSession> {
  let sessions = byConnection.get(conn);
  if (!sessions) {
    const created = new Map<string, NegSession>();
    sessions = created;
    byConnection.set(conn, created);
    conn.ws.once('close', () => {
      for (const id of [...created.keys()]) endSession(conn, id);
    });
  }
  return sessions;
}

/** Frees a session (its timer, its records, a read still loading); returns whether it existed. */
export function endSession(conn: Connection, subId: string): boolean {
  const sessions = byConnection.get(conn);
  const s = sessions?.get(subId);
  if (!s) return false;
  sessions!.delete(subId);
  clearTimeout(s.timer);
  s.load.abort();
  return true;
}

/** Ends the session and tells the client why, as NEG-ERR with a NIP-01 prefixed reason. */
export function failSession(conn: Connection, subId: string, why: string): void {
  endSession(conn, subId);
  conn.send(negErrMessage(subId, why));
}

/** Restarts the session's idle clock. */
export function touch(ctx: HandlerContext, conn: Connection, subId: string, s: NegSession): void {
  clearTimeout(s.timer);
  s.timer = setTimeout(() => {
    if (byConnection.get(conn)?.get(subId) === s) failSession(conn, subId, reason('closed', 'session idle too long'));
  }, ctx.negentropy.idleMs);
  s.timer.unref?.();
}

/** Runs one negentropy round on the client's hex message and sends the reply (or NEG-ERR). */
export function answer(ctx: HandlerContext, conn: Connection, subId: string, s: NegSession, hex: string): void {
  const bytes = negPayloadBytes(hex);
  if (!bytes || bytes.length === 0) {
    failSession(conn, subId, reason('invalid', 'message is not hex'));
    return;
  }
  let output: Uint8Array | null;
  try {
    output = s.negentropy!.reconcile(bytes).output;
  } catch (err) {
    if (!(err instanceof NegentropyFormatError)) throw err;
    failSession(conn, subId, reason('invalid', `bad negentropy message: ${err.message}`));
    return;
  }
  touch(ctx, conn, subId, s);
  // A responder always answers (the initiator decides when it is done).
  conn.send(negMsgMessage(subId, output ?? new Uint8Array([0x61])));
}
