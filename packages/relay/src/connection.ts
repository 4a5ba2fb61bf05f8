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
/**
 * The most an output buffer grows to: a full one is queued as it is and a new one starts, never a
 * bigger copy. Large buffers allocated and freed in bursts are what the allocator keeps
 * afterwards (measured: the main heap stayed 30-50 MB up after twenty unread sockets).
 */
const MAX_OUTPUT = 64 * 1024;
/** Payloads at least this big that are already bytes are written from their own buffer, not copied. */
const BY_REFERENCE = 8 * 1024;
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
  /** Stored queries waiting for their turn to read a chunk (`chunkTurn`). */
  #roomWaiters: Array<() => void> = [];
  /** Whether one of this connection's stored queries is reading a chunk now. */
  #reading = false;
  readonly #socket: RawSocket;
  readonly #deps: ConnectionDeps;
  /** Bytes ready for this connection's next write, in order: filled output buffers and large payloads. */
  #pieces: Uint8Array[] = [];
  /** The output buffer being filled; bytes `#from` to `#outBytes` of it are not yet in `#pieces`. */
  #out: Buffer | undefined;
  #from = 0;
  #outBytes = 0;
  /** Everything waiting for the next write (pieces and the unfinished buffer). */
  #queued = 0;
  /** Whether the round of writes already has this connection. */
  #scheduled = false;

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
   * Waits for this connection's turn to read one chunk of a stored query: once less than
   * LOW_WATER bytes wait for the client and no other chunk of its is being read. Call the returned
   * function once the chunk is queued. So a connection's stored reads go one chunk at a time and
   * only as fast as its client reads: one that never reads holds at most LOW_WATER plus one
   * chunk here, however many queries it runs (eight concurrent chunks each were 3 MB a socket).
   * Rejects when `signal` aborts or the connection closes.
   */
  async chunkTurn(signal: AbortSignal): Promise<() => void> {
    for (;;) {
      if (signal.aborted) throw signal.reason;
      if (this.closed) throw gone();
      const waiting = this.#queued + this.#socket.writableLength;
      if (!this.#reading && waiting <= Math.min(LOW_WATER, this.#deps.limits.maxOutboundBytes / 4)) {
        this.#reading = true;
        return () => {
          this.#reading = false;
          this.#wakeRoom();
        };
      }
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
    let at = this.#outBytes;
    at += writeTextFrameHeader(out, at, length);
    at += out.write(message, at);
    this.#wrote(at);
  }

  /**
   * Sends `["EVENT",<sub id>,<event>]` from the subscription's prefix and the event's JSON. Bytes
   * (live fan-out, encoded once for every subscriber; stored events, as their reader thread packed
   * them) are copied when small and written from their own buffer when large; a string is encoded
   * straight into the output buffer.
   */
  sendEvent(prefix: Buffer, json: Uint8Array | string): void {
    const bytes = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
    const length = prefix.length + bytes + 1;
    if (!this.#admit(length)) return;
    const byReference = typeof json !== 'string' && bytes >= BY_REFERENCE;
    const out = this.#reserve(textFrameHeaderSize(length) + length - (byReference ? bytes : 0));
    let at = this.#outBytes;
    at += writeTextFrameHeader(out, at, length);
    at += prefix.copy(out, at);
    if (typeof json === 'string') at += out.write(json, at);
    else if (!byReference) {
      out.set(json, at);
      at += bytes;
    } else {
      this.#wrote(at);
      this.#seal();
      this.#pieces.push(json);
      this.#queued += bytes;
    }
    out[at++] = CLOSE_BRACKET;
    this.#wrote(at);
  }

  /** Sends a NIP-01 NOTICE. */
  notice(message: string): void {
    this.send(noticeMessage(message));
  }

  /** Writes the frames queued since the last write in one go; called by the round of writes. */
  flush(): void {
    this.#seal();
    const pieces = this.#pieces;
    this.#reset();
    if (this.closed || pieces.length === 0 || this.ws.readyState !== WebSocket.OPEN) return;
    if (pieces.length === 1) this.#socket.write(pieces[0]!);
    else {
      this.#socket.cork();
      for (const piece of pieces) this.#socket.write(piece);
      this.#socket.uncork();
    }
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
    this.#reset();
    this.ws.terminate();
    this.#wakeRoom();
  }

  /**
   * False when nothing more may be sent; drops a client that stopped reading. Counted when a
   * frame is queued, not when it is written: everything waiting here and in the socket, plus it.
   */
  #admit(bytes: number): boolean {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return false;
    if (this.#queued + this.#socket.writableLength + bytes > this.#deps.limits.maxOutboundBytes) {
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

  /**
   * An output buffer with room for `bytes` more at `#outBytes`; the first frame since the last
   * write queues the connection. A full buffer is not grown: it waits as it is, and a new one
   * (twice its size, at most MAX_OUTPUT unless one frame needs more) starts.
   */
  #reserve(bytes: number): Buffer {
    if (!this.#scheduled) {
      this.#scheduled = true;
      this.#deps.writes.queue(this);
    }
    const out = this.#out;
    if (out && this.#outBytes + bytes <= out.length) return out;
    this.#seal();
    const size = Math.max(bytes, out ? Math.min(out.length * 2, MAX_OUTPUT) : INITIAL_OUTPUT);
    this.#from = this.#outBytes = 0;
    return (this.#out = Buffer.allocUnsafe(size));
  }

  /** Frame bytes were written into the output buffer up to `at`. */
  #wrote(at: number): void {
    this.#queued += at - this.#outBytes;
    this.#outBytes = at;
  }

  /** Moves what the output buffer holds so far into the pieces, so a payload can follow by reference. */
  #seal(): void {
    if (this.#outBytes === this.#from) return;
    this.#pieces.push(this.#out!.subarray(this.#from, this.#outBytes));
    this.#from = this.#outBytes;
  }

  /** Forgets everything queued (written, or dropped with the connection). */
  #reset(): void {
    this.#pieces = [];
    this.#out = undefined;
    this.#from = this.#outBytes = this.#queued = 0;
    this.#scheduled = false;
  }
}
