import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { noticeMessage } from '@lifeline/nostr';
import { TokenBucket, type ClientInfo } from '@lifeline/policies';
import type { Outgoing, Subscription } from './subscriptions.js';
import { textFrameHeaderSize, writeTextFrameHeader } from './ws-frame.js';

let nextConnectionId = 1;

/** A REQ as the connection holds it: live in the index, buffering while its stored query runs. */
export interface LiveSubscription extends Subscription {
  /** Events delivered live while the stored query ran; flushed after EOSE minus the stored ones. */
  pending: Array<{ id: string; json: string }> | undefined;
  /** `["EVENT","<id>",` in UTF-8, encoded once when the REQ arrives. */
  readonly prefix: Buffer;
}

/** Limits a connection enforces on itself. */
export interface ConnectionLimits {
  maxOutboundBytes: number;
  messagesPerSecond: number;
  burst: number;
}

/** The socket under a ws connection (ws keeps it private; every server-side ws has one). */
interface RawSocket {
  writableLength: number;
  write(chunk: Buffer): boolean;
}

const CLOSE_BRACKET = 0x5d; // ']'
/** First size of a connection's output buffer: a few typical events, small enough for Node's buffer pool. */
const INITIAL_OUTPUT = 2048;

/** Connections written per macrotask; between slices the event loop reads sockets and worker answers. */
const FLUSH_SLICE = 64;

// Connections with frames waiting, written in rounds: `round` is being written a slice at a time,
// `next` collects connections that got their first frame since their last write.
let round: Connection[] = [];
let roundAt = 0;
let next: Connection[] = [];
let flushScheduled = false;

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushSlice);
}

/**
 * Writes one slice of the round. With a thousand busy clients a whole round takes tens of
 * milliseconds of socket writes; done in one go it would hold up every event read or verified
 * meanwhile, so it is cut into slices and the loop polls in between.
 */
function flushSlice(): void {
  flushScheduled = false;
  if (roundAt >= round.length) {
    round = next;
    next = [];
    roundAt = 0;
  }
  const end = Math.min(round.length, roundAt + FLUSH_SLICE);
  while (roundAt < end) round[roundAt++]!.flush();
  if (roundAt < round.length || next.length > 0) scheduleFlush();
}

/**
 * One client's WebSocket and its state: subscriptions, NIP-42 identity, rate limit.
 *
 * Outgoing messages are framed here rather than by ws: an event's JSON is encoded to UTF-8 once
 * and only copied for each subscriber, straight into this connection's output buffer, and
 * everything queued for a client between two of its writes leaves in one write. Control frames
 * (ping, close) still go through ws; they are whole frames, so they interleave safely (ws writes
 * straight to the socket: no compression, no blobs).
 * Sending never queues without bound: a client that leaves more than `maxOutboundBytes` unread
 * from earlier writes is dropped.
 */
export class Connection implements ClientInfo {
  readonly connectionId = nextConnectionId++;
  readonly authed = new Set<string>();
  readonly challenge = randomBytes(16).toString('hex');
  readonly subscriptions = new Map<string, LiveSubscription>();
  readonly bucket: TokenBucket;
  closed = false;
  /** Set when a pong arrives; cleared when a ping goes out. */
  alive = true;
  readonly #socket: RawSocket;
  /** Frames waiting for this connection's next write, `#outBytes` long; undefined when none wait. */
  #out: Buffer | undefined;
  #outBytes = 0;

  constructor(
    readonly ws: WebSocket,
    private readonly limits: ConnectionLimits,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.burst);
    this.#socket = (ws as unknown as { _socket: RawSocket })._socket;
  }

  /** Sends one text message. */
  send(message: string): void {
    if (!this.#admit()) return;
    const length = Buffer.byteLength(message);
    const out = this.#reserve(textFrameHeaderSize(length) + length);
    this.#outBytes += writeTextFrameHeader(out, this.#outBytes, length);
    this.#outBytes += out.write(message, this.#outBytes);
  }

  /** Sends `["EVENT",<sub id>,<event>]` from the subscription's prefix and the event's shared bytes. */
  sendEvent(prefix: Buffer, json: Buffer): void {
    if (!this.#admit()) return;
    const length = prefix.length + json.length + 1;
    const out = this.#reserve(textFrameHeaderSize(length) + length);
    let at = this.#outBytes;
    at += writeTextFrameHeader(out, at, length);
    at += prefix.copy(out, at);
    at += json.copy(out, at);
    out[at++] = CLOSE_BRACKET;
    this.#outBytes = at;
  }

  /** Sends a NIP-01 NOTICE. */
  notice(message: string): void {
    this.send(noticeMessage(message));
  }

  /** Writes the frames queued since the last write in one go; called by the round of writes. */
  flush(): void {
    const out = this.#out;
    const bytes = this.#outBytes;
    this.#out = undefined;
    this.#outBytes = 0;
    if (this.closed || !out || this.ws.readyState !== WebSocket.OPEN) return;
    this.#socket.write(bytes === out.length ? out : out.subarray(0, bytes));
  }

  /** Sends what is queued, then starts the closing handshake. */
  close(code: number, reason: string): void {
    this.flush();
    this.closed = true;
    this.ws.close(code, reason);
  }

  /** Drops the connection at once, freeing its buffers. */
  terminate(): void {
    this.closed = true;
    this.#out = undefined;
    this.#outBytes = 0;
    this.ws.terminate();
  }

  /** False when nothing more may be sent; drops a client that stopped reading. */
  #admit(): boolean {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    // Only what earlier writes left unsent counts: frames waiting here go out with this round.
    if (this.#socket.writableLength > this.limits.maxOutboundBytes) {
      this.terminate();
      return false;
    }
    return true;
  }

  /** The output buffer with room for `bytes` more; the first frame since the last write queues the connection. */
  #reserve(bytes: number): Buffer {
    const out = this.#out;
    if (!out) {
      next.push(this);
      scheduleFlush();
      return (this.#out = Buffer.allocUnsafe(Math.max(INITIAL_OUTPUT, bytes)));
    }
    const needed = this.#outBytes + bytes;
    if (needed <= out.length) return out;
    const grown = Buffer.allocUnsafe(Math.max(needed, out.length * 2));
    out.copy(grown, 0, 0, this.#outBytes);
    return (this.#out = grown);
  }
}

/** Makes the `deliver` callback of a subscription owned by `conn`. */
export function deliverTo(conn: Connection, sub: LiveSubscription) {
  return (out: Outgoing): void => {
    if (sub.pending) sub.pending.push({ id: out.event.id, json: out.json });
    else conn.sendEvent(sub.prefix, out.bytes);
  };
}
