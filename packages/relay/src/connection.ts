import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { noticeMessage, type NostrEvent } from '@lifeline/nostr';
import { TokenBucket, type ClientInfo } from '@lifeline/policies';
import type { Subscription } from './subscriptions.js';

let nextConnectionId = 1;

/** A REQ as the connection holds it: live in the index, buffering while its stored query runs. */
export interface LiveSubscription extends Subscription {
  /** Events delivered live while the stored query ran; flushed after EOSE minus the stored ones. */
  pending: Array<{ id: string; json: string }> | undefined;
}

/** Limits a connection enforces on itself. */
export interface ConnectionLimits {
  maxOutboundBytes: number;
  messagesPerSecond: number;
  burst: number;
}

/**
 * One client's WebSocket and its state: subscriptions, NIP-42 identity, rate limit. Sending
 * never queues without bound: a client whose unread backlog passes `maxOutboundBytes` is dropped.
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
  #corked = false;
  /** Bytes queued in this turn's cork. */
  #turnBytes = 0;

  constructor(
    readonly ws: WebSocket,
    private readonly limits: ConnectionLimits,
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.burst);
  }

  /** Sends a frame unless the client has stopped reading, in which case it is disconnected. */
  send(frame: string): void {
    if (this.closed) return;
    // Only what earlier turns left unsent counts: this turn's frames wait in the cork by design.
    if (this.ws.bufferedAmount - this.#turnBytes > this.limits.maxOutboundBytes) {
      this.terminate();
      return;
    }
    this.#cork();
    this.#turnBytes += Buffer.byteLength(frame);
    this.ws.send(frame);
  }

  /**
   * Holds this turn's frames in the socket and writes them with one syscall on the next turn:
   * a committed batch fans out many events to the same client, and a write per frame was the
   * relay's largest cost under fan-out load. (ws has no public cork; its socket is a net.Socket.)
   */
  #cork(): void {
    if (this.#corked) return;
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!socket) return;
    this.#corked = true;
    socket.cork();
    setImmediate(() => {
      this.#corked = false;
      this.#turnBytes = 0;
      socket.uncork();
    });
  }

  /** Sends a NIP-01 NOTICE. */
  notice(message: string): void {
    this.send(noticeMessage(message));
  }

  /** Drops the connection at once, freeing its buffers. */
  terminate(): void {
    this.closed = true;
    this.ws.terminate();
  }
}

/** Makes the `deliver` callback of a subscription owned by `conn`. */
export function deliverTo(conn: Connection, sub: LiveSubscription, frame: (json: string) => string) {
  return (event: NostrEvent, json: string): void => {
    if (sub.pending) sub.pending.push({ id: event.id, json });
    else conn.send(frame(json));
  };
}
