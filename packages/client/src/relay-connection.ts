import type { Filter, SignedEvent } from './types.js';

/** The part of the WebSocket API the client uses (the browser's, or `ws` in Node). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

/** A WebSocket constructor: `WebSocket` in browsers, `(await import('ws')).WebSocket` in Node. */
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** Connection state of one relay. */
export type RelayState = 'idle' | 'connecting' | 'open' | 'backoff' | 'closed';

/** What the UI shows per relay. */
export interface RelayStatus {
  url: string;
  state: RelayState;
  /** Last connection error, if any. */
  error?: string;
  /** Failed attempts in a row. */
  failures: number;
  /** While in backoff: when (ms since epoch) the next attempt may run. */
  retryAt?: number;
}

/** Handlers of one subscription on one relay; events arrive unverified (the pool verifies). */
export interface SubHandlers {
  onEvent(raw: unknown): void;
  onEose(): void;
  onClosed(reason: string): void;
  /** Filters to send when a live subscription is re-sent after a reconnect (e.g. with a later `since`). */
  resumeFilters?(): Filter[];
}

/** Options of a RelayConnection. */
export interface RelayConnectionOptions {
  WebSocket: WebSocketConstructor;
  /** Give up on a handshake after this long (a relay that accepts TCP but never answers). */
  connectTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
  onStatus?: (status: RelayStatus) => void;
  /**
   * NIP-42: signs the relay's challenge when it answers "auth-required:". Authenticating tells the
   * relay who is connected, so it is opt-in; without it such relays count as refusing.
   */
  authenticate?: Authenticator;
}

/** Signs a NIP-42 AUTH event for a relay's challenge (undefined declines). */
export type Authenticator = (challenge: string, relayUrl: string) => Promise<SignedEvent | undefined>;

interface Sub {
  filters: Filter[];
  handlers: SubHandlers;
  /** Live subscriptions are re-sent after a reconnect; one-shot queries end with the socket. */
  live: boolean;
  /** An auth-required CLOSED already led to one authentication attempt. */
  authTried?: boolean;
}

const OPEN = 1;

/**
 * One relay: a lazily opened WebSocket with NIP-01 message routing, exponential backoff after
 * failures, and automatic reconnection while live subscriptions need it.
 */
export class RelayConnection {
  private ws: WebSocketLike | undefined;
  private opening: Promise<void> | undefined;
  private readonly subs = new Map<string, Sub>();
  private readonly okWaiters = new Map<string, Array<(r: { ok: boolean; message: string }) => void>>();
  /** NIP-45 COUNT requests waiting for their answer, by subscription id; undefined = no number. */
  private readonly countWaiters = new Map<string, (n: number | undefined) => void>();
  /** COUNTs in a row this socket left unanswered: a relay without NIP-45 may ignore them silently. */
  private countsUnanswered = 0;
  private state: RelayState = 'idle';
  private error: string | undefined;
  private failures = 0;
  private retryAt: number | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private nextSubId = 0;
  private readonly now: () => number;
  /** The NIP-42 challenge of the current socket. */
  private challenge: string | undefined;
  private authing: Promise<boolean> | undefined;

  constructor(
    readonly url: string,
    private readonly opts: RelayConnectionOptions,
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** The current status. */
  status(): RelayStatus {
    const s: RelayStatus = { url: this.url, state: this.state, failures: this.failures };
    if (this.error !== undefined) s.error = this.error;
    if (this.state === 'backoff' && this.retryAt !== undefined) s.retryAt = this.retryAt;
    return s;
  }

  private setState(state: RelayState, error?: string): void {
    this.state = state;
    this.error = error;
    this.opts.onStatus?.(this.status());
  }

  /**
   * Resolves once the socket is open. Rejects at once while in backoff (so a dead relay is skipped
   * fast) unless `force`, and after connectTimeoutMs for a relay that never completes a handshake.
   */
  connect(force = false): Promise<void> {
    if (this.state === 'closed') return Promise.reject(new Error('relay connection closed'));
    if (this.ws && this.ws.readyState === OPEN) return Promise.resolve();
    if (this.opening) return this.opening;
    if (!force && this.state === 'backoff' && this.retryAt !== undefined && this.now() < this.retryAt) {
      return Promise.reject(new Error(`backing off: ${this.error ?? 'unreachable'}`));
    }
    this.opening = new Promise<void>((resolve, reject) => {
      let settled = false;
      let ws: WebSocketLike;
      const fail = (why: string): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.opening = undefined;
        this.ws = undefined;
        try {
          ws?.close();
        } catch {
          // closing a half-open socket may throw in some implementations
        }
        this.failed(why);
        reject(new Error(why));
      };
      const timer = setTimeout(() => fail('connection timed out'), this.opts.connectTimeoutMs ?? 5000);
      try {
        ws = new this.opts.WebSocket(this.url);
      } catch (err) {
        fail(err instanceof Error ? err.message : 'cannot open WebSocket');
        return;
      }
      this.ws = ws;
      this.setState('connecting');
      ws.onerror = () => fail('connection failed');
      ws.onclose = () => fail('connection closed during handshake');
      ws.onopen = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.opening = undefined;
        this.challenge = undefined;
        this.countsUnanswered = 0;
        this.failures = 0;
        this.retryAt = undefined;
        ws.onclose = () => this.dropped(ws, 'connection lost');
        ws.onerror = () => this.dropped(ws, 'connection error');
        ws.onmessage = (ev) => this.receive(ev.data);
        this.setState('open');
        for (const [id, sub] of this.subs) this.sendReq(id, sub.handlers.resumeFilters?.() ?? sub.filters);
        resolve();
      };
    });
    return this.opening;
  }

  private failed(why: string): void {
    this.failures++;
    const base = this.opts.backoffBaseMs ?? 1000;
    const delay = Math.min(this.opts.backoffMaxMs ?? 60_000, base * 2 ** (this.failures - 1));
    this.retryAt = this.now() + delay;
    // Queries in flight on this socket end now; live subscriptions wait for the reconnect.
    for (const [id, sub] of [...this.subs]) {
      if (!sub.live) {
        this.subs.delete(id);
        sub.handlers.onClosed(why);
      }
    }
    for (const [id, waiters] of this.okWaiters) {
      this.okWaiters.delete(id);
      for (const w of waiters) w({ ok: false, message: why });
    }
    this.endCounts();
    this.setState('backoff', why);
    this.scheduleRetry(delay);
  }

  private scheduleRetry(delay: number): void {
    if (this.retryTimer !== undefined || ![...this.subs.values()].some((s) => s.live)) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.connect(true).catch(() => {
        // failed() already scheduled the next attempt
      });
    }, delay);
  }

  private dropped(ws: WebSocketLike, why: string): void {
    if (this.ws !== ws) return;
    this.ws = undefined;
    if (this.state === 'closed') return;
    this.failed(why);
  }

  private send(msg: unknown[]): void {
    if (this.ws && this.ws.readyState === OPEN) this.ws.send(JSON.stringify(msg));
  }

  private sendReq(id: string, filters: Filter[]): void {
    this.send(['REQ', id, ...filters]);
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return; // a relay sending garbage only loses its own frame
    }
    if (!Array.isArray(msg) || typeof msg[0] !== 'string') return;
    const [type, a, b, c] = msg as [string, unknown, unknown, unknown];
    if (type === 'EVENT' && typeof a === 'string') {
      this.subs.get(a)?.handlers.onEvent(b);
    } else if (type === 'EOSE' && typeof a === 'string') {
      this.subs.get(a)?.handlers.onEose();
    } else if (type === 'COUNT' && typeof a === 'string') {
      this.countsUnanswered = 0;
      const n = (b as { count?: unknown } | null)?.count;
      this.answerCount(a, typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined);
    } else if (type === 'CLOSED' && typeof a === 'string' && this.countWaiters.has(a)) {
      this.answerCount(a, undefined);
    } else if (type === 'CLOSED' && typeof a === 'string') {
      const sub = this.subs.get(a);
      const why = typeof b === 'string' ? b : '';
      if (sub && why.startsWith('auth-required:') && this.opts.authenticate && !sub.authTried) {
        sub.authTried = true;
        void this.authenticateOnce().then((ok) => {
          if (ok && this.subs.get(a) === sub) return this.sendReq(a, sub.filters);
          if (this.subs.get(a) === sub) this.subs.delete(a);
          sub.handlers.onClosed(why);
        });
        return;
      }
      this.subs.delete(a);
      sub?.handlers.onClosed(why);
    } else if (type === 'OK' && typeof a === 'string') {
      const waiters = this.okWaiters.get(a);
      this.okWaiters.delete(a);
      for (const w of waiters ?? []) w({ ok: b === true, message: typeof c === 'string' ? c : '' });
    } else if (type === 'AUTH' && typeof a === 'string') {
      this.challenge = a;
    }
    // NOTICE is ignored: it is meant for humans and says nothing about our requests.
  }

  /** Answers the relay's NIP-42 challenge once (concurrent callers share the attempt). */
  private authenticateOnce(): Promise<boolean> {
    const sign = this.opts.authenticate;
    const challenge = this.challenge;
    if (!sign || challenge === undefined) return Promise.resolve(false);
    this.authing ??= (async () => {
      try {
        const ev = await sign(challenge, this.url);
        if (!ev) return false;
        return (await this.sendAndWait(ev, 'AUTH')).ok;
      } catch {
        return false;
      } finally {
        this.authing = undefined;
      }
    })();
    return this.authing;
  }

  /** Sends EVENT or AUTH and resolves with the relay's OK (or the connection's failure). */
  private sendAndWait(event: SignedEvent, verb: 'EVENT' | 'AUTH'): Promise<{ ok: boolean; message: string }> {
    return new Promise((resolve) => {
      if (!this.ws || this.ws.readyState !== OPEN) return resolve({ ok: false, message: 'not connected' });
      const list = this.okWaiters.get(event.id) ?? [];
      list.push(resolve);
      this.okWaiters.set(event.id, list);
      this.send([verb, event]);
    });
  }

  /** Forgets the backoff (e.g. the browser came back online) and reconnects if live subscriptions wait. */
  retryNow(): void {
    if (this.state !== 'backoff') return;
    this.retryAt = undefined;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if ([...this.subs.values()].some((s) => s.live)) {
      this.connect(true).catch(() => {
        // failed() scheduled the next attempt
      });
    }
  }

  /** Opens a subscription (connecting if needed); returns its id for unsubscribe(). */
  subscribe(filters: Filter[], handlers: SubHandlers, live: boolean): string {
    const id = `ll${(this.nextSubId++).toString(36)}`;
    this.subs.set(id, { filters, handlers, live });
    if (this.ws && this.ws.readyState === OPEN) {
      this.sendReq(id, filters);
    } else {
      this.connect().catch((err: Error) => {
        if (live) this.scheduleRetry(Math.max(0, (this.retryAt ?? this.now()) - this.now()));
        else if (this.subs.delete(id)) handlers.onClosed(err.message);
      });
    }
    return id;
  }

  /**
   * NIP-45: how many stored events match the filters, or undefined when the relay refuses (CLOSED),
   * does not answer within timeoutMs (a relay without COUNT may stay silent) or cannot be reached.
   */
  async count(filters: Filter[], timeoutMs: number): Promise<number | undefined> {
    // Two silences in a row: this relay does not count; stop waiting on it until it reconnects.
    if (this.countsUnanswered >= 2 && this.ws?.readyState === OPEN) return undefined;
    try {
      await this.connect();
    } catch {
      return undefined;
    }
    const id = `lc${(this.nextSubId++).toString(36)}`;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.countsUnanswered++;
        this.answerCount(id, undefined);
      }, timeoutMs);
      this.countWaiters.set(id, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
      this.send(['COUNT', id, ...filters]);
    });
  }

  private answerCount(id: string, n: number | undefined): void {
    const waiter = this.countWaiters.get(id);
    this.countWaiters.delete(id);
    waiter?.(n);
  }

  private endCounts(): void {
    for (const id of [...this.countWaiters.keys()]) this.answerCount(id, undefined);
  }

  /** Ends a subscription (sends CLOSE when connected). */
  unsubscribe(id: string): void {
    if (!this.subs.delete(id)) return;
    this.send(['CLOSE', id]);
  }

  /**
   * Sends an event and waits for the relay's OK, at most timeoutMs. An "auth-required:" answer
   * leads to one NIP-42 authentication and one resend when an authenticator is configured.
   */
  publish(event: SignedEvent, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
    const attempt = async (): Promise<{ ok: boolean; message: string }> => {
      try {
        await this.connect();
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
      const first = await this.sendAndWait(event, 'EVENT');
      if (first.ok || !first.message.startsWith('auth-required:') || !(await this.authenticateOnce())) return first;
      return this.sendAndWait(event, 'EVENT');
    };
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, message: 'timed out' }), timeoutMs);
      void attempt().then((r) => {
        clearTimeout(timer);
        resolve(r);
      });
    });
  }

  /** Closes the socket for good and ends every subscription. */
  close(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const ws = this.ws;
    this.ws = undefined;
    this.setState('closed');
    for (const [id, sub] of [...this.subs]) {
      this.subs.delete(id);
      sub.handlers.onClosed('closed');
    }
    for (const [id, waiters] of this.okWaiters) {
      this.okWaiters.delete(id);
      for (const w of waiters) w({ ok: false, message: 'closed' });
    }
    this.endCounts();
    try {
      ws?.close();
    } catch {
      // already closing
    }
  }
}
