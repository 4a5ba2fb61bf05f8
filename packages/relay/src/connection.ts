import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { closedMessage, eoseMessage, noticeMessage, reason, type Filter } from '@lifeline/nostr';
import { TokenBucket, type ClientInfo } from '@lifeline/policies';
import { rawSocketOf, type RawSocket } from './raw-socket.js';
import type { Outgoing, Subscription, SubscriptionIndex } from './subscriptions.js';
import type { WriteScheduler } from './write-scheduler.js';
import { textFrameHeaderSize, writeTextFrameHeader } from './ws-frame.js';

let nextConnectionId = 1;

/** A REQ as its connection holds it: live in the index, buffering while its stored query runs. */
export interface LiveSubscription extends Subscription {
  /** Events delivered live while the stored query ran; flushed after EOSE minus the stored ones. */
  pending: Array<{ id: string; json: string }> | undefined;
  /** `["EVENT","<id>",` in UTF-8, encoded once when the REQ arrives. */
  readonly prefix: Buffer;
  /** Bytes of JSON held in `pending`. */
  pendingBytes: number;
  /** Aborts the stored query when the subscription is closed, replaced or dropped. */
  readonly query: AbortController;
}

/** Limits a connection enforces on itself. */
export interface ConnectionLimits {
  maxOutboundBytes: number;
  maxSubscriptions: number;
  /** Stored queries (REQ and COUNT) queued or running at once. */
  maxQueries: number;
  messagesPerSecond: number;
  burst: number;
  /** The work budget: query cost units per second, and at most this many stored. */
  queryCostPerSecond: number;
  queryBurst: number;
}

/** What a connection is attached to: the relay's subscription index and its round of writes. */
export interface ConnectionDeps {
  index: SubscriptionIndex;
  writes: WriteScheduler;
  limits: ConnectionLimits;
}

const CLOSE_BRACKET = 0x5d; // ']'
/** First size of a connection's output buffer: a few typical events, small enough for Node's buffer pool. */
const INITIAL_OUTPUT = 2048;
/** A stored query sends its next chunk only when less than this waits for the client. */
const LOW_WATER = 1024 * 1024;

/** The error a stored query ends with when its subscription or connection went away. */
const gone = () => new DOMException('the subscription or connection is gone', 'AbortError');

/**
 * One client's WebSocket and its state: its subscriptions (the only owner of them, keeping the
 * relay's index in step), NIP-42 identity, rate limit.
 *
 * Outgoing messages are framed here rather than by ws: an event's JSON is encoded to UTF-8 once
 * and only copied for each subscriber, straight into this connection's output buffer, and
 * everything queued for a client between two of its writes leaves in one write (raw-socket.ts).
 * Control frames (ping, close) still go through ws; they are whole frames, so they interleave
 * safely (ws writes straight to the socket: no compression, no blobs).
 * Sending never queues without bound: a client that leaves more than `maxOutboundBytes` unread
 * from earlier writes is dropped.
 */
export class Connection implements ClientInfo {
  readonly connectionId = nextConnectionId++;
  readonly authed = new Set<string>();
  readonly challenge = randomBytes(16).toString('hex');
  readonly bucket: TokenBucket;
  /** The work budget that REQ and COUNT spend by their cost (query-cost.ts). */
  readonly work: TokenBucket;
  closed = false;
  /** Set when a pong arrives; cleared when a ping goes out. */
  alive = true;
  readonly #subscriptions = new Map<string, LiveSubscription>();
  /** Stored queries queued or running: REQs' (their subscription's) and COUNTs'. */
  readonly #queries = new Set<AbortController>();
  /** Stored queries waiting for the client to read (`whenWritable`). */
  #roomWaiters: Array<() => void> = [];
  readonly #socket: RawSocket;
  readonly #deps: ConnectionDeps;
  /** Frames waiting for this connection's next write, `#outBytes` long; undefined when none wait. */
  #out: Buffer | undefined;
  #outBytes = 0;

  constructor(
    readonly ws: WebSocket,
    deps: ConnectionDeps,
  ) {
    this.#deps = deps;
    this.bucket = new TokenBucket(deps.limits.messagesPerSecond, deps.limits.burst);
    this.work = new TokenBucket(deps.limits.queryCostPerSecond, deps.limits.queryBurst);
    this.#socket = rawSocketOf(ws);
    this.#socket.on('drain', () => this.#wakeRoom());
  }

  /** Stored queries this connection has queued or running. */
  get queryCount(): number {
    return this.#queries.size;
  }

  /**
   * Whether a stored query of `cost` may start now: under the cap on queries in progress and
   * within the work budget (which it then spends). A string is the refusal, with its prefix.
   */
  admitQuery(cost: number): string | undefined {
    const { maxQueries, queryBurst } = this.#deps.limits;
    if (this.#queries.size >= maxQueries)
      return reason('rate-limited', `too many queries in progress (max ${maxQueries})`);
    if (cost > queryBurst)
      return reason(
        'invalid',
        `this query asks for too much work (cost ${cost}, max ${queryBurst}): use fewer filters or smaller limits`,
      );
    if (!this.work.take(cost)) return reason('rate-limited', 'too much work requested, slow down');
    return undefined;
  }

  /** Registers a stored query (a COUNT's own, or a REQ's subscription's) until `endQuery`. */
  beginQuery(query = new AbortController()): AbortController {
    this.#queries.add(query);
    return query;
  }

  /** The query finished, failed or was aborted. */
  endQuery(query: AbortController): void {
    this.#queries.delete(query);
  }

  /**
   * Resolves once less than LOW_WATER bytes wait for the client, so a stored query sends its
   * next chunk only as fast as the client reads; rejects when `signal` aborts or the connection
   * closes. A client that never reads holds one chunk here, not its whole result.
   */
  async whenWritable(signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      if (this.closed) throw gone();
      if (this.#outBytes + this.#socket.writableLength <= Math.min(LOW_WATER, this.#deps.limits.maxOutboundBytes / 4))
        return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        signal.addEventListener('abort', wake, { once: true });
        this.#roomWaiters.push(wake);
      });
    }
  }

  /** Number of open subscriptions. */
  get subscriptionCount(): number {
    return this.#subscriptions.size;
  }

  /**
   * Opens subscription `id` (replacing one with the same id, as NIP-01 says) and registers it in
   * the index at once, so nothing published from now on is missed; matches are held in `pending`
   * until `endStored`. Undefined when the connection already has as many as it may.
   */
  subscribe(id: string, filters: Filter[]): LiveSubscription | undefined {
    const previous = this.#subscriptions.get(id);
    if (previous) {
      this.#deps.index.remove(previous);
      previous.query.abort(gone());
    } else if (this.#subscriptions.size >= this.#deps.limits.maxSubscriptions) return undefined;
    const sub: LiveSubscription = {
      id,
      filters,
      pending: [],
      pendingBytes: 0,
      prefix: Buffer.from(`["EVENT",${JSON.stringify(id)},`),
      query: new AbortController(),
      deliver: (out: Outgoing) => {
        if (!sub.pending) return this.sendEvent(sub.prefix, out.bytes);
        sub.pendingBytes += out.json.length;
        // Live events held while the stored ones go out are bounded like any other backlog.
        if (sub.pendingBytes > this.#deps.limits.maxOutboundBytes) return this.#overflow(sub);
        sub.pending.push({ id: out.event.id, json: out.json });
      },
    };
    this.#subscriptions.set(id, sub);
    this.#deps.index.add(sub);
    return sub;
  }

  /** True while `sub` is still open (not closed, replaced or dropped with the connection). */
  isOpen(sub: LiveSubscription): boolean {
    return !this.closed && this.#subscriptions.get(sub.id) === sub;
  }

  /** Closes subscription `id` (aborting its stored query); unknown ids are ignored. */
  unsubscribe(id: string): void {
    const sub = this.#subscriptions.get(id);
    if (!sub) return;
    this.#subscriptions.delete(id);
    this.#deps.index.remove(sub);
    sub.query.abort(gone());
  }

  /** Removes `sub` if it is still the open one under its id (a failed stored query). */
  discard(sub: LiveSubscription): void {
    if (this.#subscriptions.get(sub.id) === sub) this.unsubscribe(sub.id);
  }

  /** After the stored events: EOSE, then the live events held meanwhile, minus those already sent. */
  endStored(sub: LiveSubscription, sent: ReadonlySet<string>): void {
    this.send(eoseMessage(sub.id));
    const pending = sub.pending ?? [];
    sub.pending = undefined;
    sub.pendingBytes = 0;
    for (const p of pending) if (!sent.has(p.id)) this.sendEvent(sub.prefix, p.json);
  }

  /** Closes every subscription and cancels every stored query, queued or running; the connection is gone. */
  unsubscribeAll(): void {
    for (const sub of this.#subscriptions.values()) this.#deps.index.remove(sub);
    this.#subscriptions.clear();
    this.cancelQueries();
  }

  /** Cancels every stored query, queued, running or waiting for the client to read. */
  cancelQueries(): void {
    for (const query of this.#queries) query.abort(gone());
    this.#queries.clear();
    this.#wakeRoom();
  }

  /** Sends one text message. */
  send(message: string): void {
    const length = Buffer.byteLength(message);
    if (!this.#admit(length)) return;
    const out = this.#reserve(textFrameHeaderSize(length) + length);
    this.#outBytes += writeTextFrameHeader(out, this.#outBytes, length);
    this.#outBytes += out.write(message, this.#outBytes);
  }

  /**
   * Sends `["EVENT",<sub id>,<event>]` from the subscription's prefix and the event's JSON: shared
   * bytes (live fan-out, encoded once for every subscriber) are copied, a stored event's string is
   * encoded straight into the output buffer.
   */
  sendEvent(prefix: Buffer, json: Buffer | string): void {
    const bytes = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
    const length = prefix.length + bytes + 1;
    if (!this.#admit(length)) return;
    const out = this.#reserve(textFrameHeaderSize(length) + length);
    let at = this.#outBytes;
    at += writeTextFrameHeader(out, at, length);
    at += prefix.copy(out, at);
    at += typeof json === 'string' ? out.write(json, at) : json.copy(out, at);
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
    if (this.#roomWaiters.length > 0) this.#wakeRoom();
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
    this.#wakeRoom();
  }

  /**
   * False when nothing more may be sent; drops a client that stopped reading. Counted when a
   * frame is queued, not when it is written: everything waiting here and in the socket, plus it.
   */
  #admit(bytes: number): boolean {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.#outBytes + this.#socket.writableLength + bytes > this.#deps.limits.maxOutboundBytes) {
      this.terminate();
      return false;
    }
    return true;
  }

  /** Wakes the stored queries waiting for the client to read; they check again. */
  #wakeRoom(): void {
    const waiters = this.#roomWaiters;
    this.#roomWaiters = [];
    for (const wake of waiters) wake();
  }

  /** A subscription whose held live events outgrew the backlog limit: it ends with a reason. */
  #overflow(sub: LiveSubscription): void {
    this.unsubscribe(sub.id);
    this.send(
      closedMessage(sub.id, reason('rate-limited', 'live events arrived faster than the stored ones could be sent')),
    );
  }

  /** The output buffer with room for `bytes` more; the first frame since the last write queues the connection. */
  #reserve(bytes: number): Buffer {
    const out = this.#out;
    if (!out) {
      this.#deps.writes.queue(this);
      return (this.#out = Buffer.allocUnsafe(Math.max(INITIAL_OUTPUT, bytes)));
    }
    const needed = this.#outBytes + bytes;
    if (needed <= out.length) return out;
    const grown = Buffer.allocUnsafe(Math.max(needed, out.length * 2));
    out.copy(grown, 0, 0, this.#outBytes);
    return (this.#out = grown);
  }
}
