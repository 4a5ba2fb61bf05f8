import { matchesAny } from './filter-match.js';
import { compareNewestFirst, normalizeRelayUrl } from '@lifeline/nostr';
import {
  RelayConnection,
  type Authenticator,
  type RelayStatus,
  type WebSocketConstructor,
} from './relay-connection.js';
import type { Filter, SignedEvent } from './types.js';
import { verifiedEvent } from './verify.js';

/** One relay's answer to a publish. */
export interface PublishResult {
  url: string;
  ok: boolean;
  message: string;
}

/** The outcome of queryReport. */
export interface QueryReport {
  events: SignedEvent[];
  /** Relays that sent EOSE: their stored events are all in `events`. */
  answered: string[];
  /** Relays that failed, refused (CLOSED) or timed out. */
  failed: string[];
}

/** Options of createRelayPool. */
export interface RelayPoolOptions {
  /** The default relays (read and write) used when a call names none. */
  relays: string[];
  /** The WebSocket constructor; the platform's global one when omitted (browsers; Node 22+). */
  WebSocket?: WebSocketConstructor;
  connectTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
  /** NIP-42 signer for relays that require authentication (opt-in; see signerAuthenticator). */
  authenticate?: Authenticator;
}

/** A live subscription across relays. */
export interface PoolSubscription {
  close(): void;
}

/** Several relays used as one: verified, deduplicated reads and per-relay publish results. */
export interface RelayPool {
  /** The default relay URLs (normalized). */
  relays(): string[];
  /** Replaces the default relays (e.g. after loading the user's NIP-65 list). */
  setRelays(urls: string[]): void;
  /** Status of every relay the pool has talked to or will use. */
  status(): RelayStatus[];
  /** Calls `listener` on every status change; returns an unsubscribe function. */
  onStatus(listener: (status: RelayStatus) => void): () => void;
  /**
   * Fetches stored events: resolves once every relay has sent EOSE, failed or timed out, with
   * signature-verified events deduplicated by id, newest first.
   */
  query(filters: Filter[], opts?: { timeoutMs?: number; relays?: string[] }): Promise<SignedEvent[]>;
  /** Like query, also saying which relays finished (EOSE) and which failed, closed or timed out. */
  queryReport(filters: Filter[], opts?: { timeoutMs?: number; relays?: string[] }): Promise<QueryReport>;
  /** A live subscription; `onEose` fires once, when every relay has finished its stored events (or timed out). */
  subscribe(
    filters: Filter[],
    onEvent: (event: SignedEvent, url: string) => void,
    opts?: { onEose?: () => void; relays?: string[]; eoseTimeoutMs?: number },
  ): PoolSubscription;
  /**
   * NIP-45 COUNT on each relay; the largest answer (relays overlap, so answers are not added up),
   * or undefined when no relay gave a number.
   */
  count(filters: Filter[], opts?: { timeoutMs?: number; relays?: string[] }): Promise<number | undefined>;
  /** Publishes to the given (or default) relays and reports each relay's answer. */
  publish(event: SignedEvent, relays?: string[], opts?: { timeoutMs?: number }): Promise<PublishResult[]>;
  /** Skips every relay's backoff now (call it on the browser's `online` event). */
  retryNow(): void;
  /** Closes every connection. */
  close(): void;
}

/** Normalizes and deduplicates relay URLs, dropping anything that is not ws(s)://. */
export function normalizeRelayUrls(urls: string[]): string[] {
  const out: string[] = [];
  for (const u of urls) {
    const n = normalizeRelayUrl(u);
    if (n && !out.includes(n)) out.push(n);
  }
  return out;
}

/** Creates a relay pool. Nothing connects until the first query, subscription or publish. */
export function createRelayPool(options: RelayPoolOptions): RelayPool {
  const WebSocketImpl = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WebSocketImpl) throw new Error('No WebSocket implementation: pass one as options.WebSocket.');
  let defaults = normalizeRelayUrls(options.relays);
  const conns = new Map<string, RelayConnection>();
  const listeners = new Set<(s: RelayStatus) => void>();
  let closed = false;

  const conn = (url: string): RelayConnection => {
    let c = conns.get(url);
    if (!c) {
      c = new RelayConnection(url, {
        WebSocket: WebSocketImpl,
        connectTimeoutMs: options.connectTimeoutMs,
        backoffBaseMs: options.backoffBaseMs,
        backoffMaxMs: options.backoffMaxMs,
        now: options.now,
        authenticate: options.authenticate,
        onStatus: (s) => {
          for (const l of listeners) l(s);
        },
      });
      conns.set(url, c);
    }
    return c;
  };

  const targets = (urls?: string[]): string[] => {
    if (closed) throw new Error('relay pool is closed');
    return urls ? normalizeRelayUrls(urls) : defaults;
  };

  /** Verifies an incoming event once per id; returns it only the first time a valid copy arrives. */
  const acceptor = (filters: Filter[]) => {
    const seen = new Set<string>();
    return (raw: unknown): SignedEvent | undefined => {
      const id = (raw as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && seen.has(id)) return undefined;
      const e = verifiedEvent(raw);
      // Drop forgeries and events the relay was not asked for; a valid copy may still come later.
      if (!e || !matchesAny(filters, e)) return undefined;
      seen.add(e.id);
      return e;
    };
  };

  const queryReport: RelayPool['queryReport'] = (filters, opts = {}) => {
    const urls = targets(opts.relays);
    const timeoutMs = opts.timeoutMs ?? 8000;
    const accept = acceptor(filters);
    const report: QueryReport = { events: [], answered: [], failed: [] };
    return new Promise((resolve) => {
      let pending = urls.length;
      const subs = new Map<string, string>();
      const finishRelay = (url: string, answered: boolean): void => {
        const id = subs.get(url);
        if (id === undefined) return;
        subs.delete(url);
        conn(url).unsubscribe(id);
        (answered ? report.answered : report.failed).push(url);
        if (--pending === 0) done();
      };
      const timer = setTimeout(() => {
        for (const url of [...subs.keys()]) finishRelay(url, false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        report.events.sort(compareNewestFirst);
        resolve(report);
      };
      if (pending === 0) return done();
      for (const url of urls) {
        subs.set(url, '');
        const id = conn(url).subscribe(
          filters,
          {
            onEvent: (raw) => {
              const e = accept(raw);
              if (e) report.events.push(e);
            },
            onEose: () => finishRelay(url, true),
            onClosed: () => finishRelay(url, false),
          },
          false,
        );
        if (subs.has(url)) subs.set(url, id);
      }
    });
  };

  return {
    relays: () => [...defaults],
    setRelays(urls) {
      defaults = normalizeRelayUrls(urls);
    },
    status() {
      const urls = [...new Set([...defaults, ...conns.keys()])];
      return urls.map((u) => conns.get(u)?.status() ?? { url: u, state: 'idle', failures: 0 });
    },
    onStatus(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    async query(filters, opts = {}) {
      return (await queryReport(filters, opts)).events;
    },

    queryReport,

    subscribe(filters, onEvent, opts = {}) {
      const urls = targets(opts.relays);
      const accept = acceptor(filters);
      const waiting = new Set(urls);
      let eoseSent = false;
      const eose = (url: string): void => {
        waiting.delete(url);
        if (!eoseSent && waiting.size === 0) {
          eoseSent = true;
          clearTimeout(timer);
          opts.onEose?.();
        }
      };
      const timer = setTimeout(() => {
        for (const u of [...waiting]) eose(u);
      }, opts.eoseTimeoutMs ?? 8000);
      const ids = new Map<string, string>();
      // Newest event seen per relay: after a reconnect only what came since is asked for again,
      // so a flaky mobile connection does not re-download the whole timeline each time.
      const newest = new Map<string, number>();
      for (const url of urls) {
        const id = conn(url).subscribe(
          filters,
          {
            onEvent: (raw) => {
              const e = accept(raw);
              if (!e) return;
              if (e.created_at > (newest.get(url) ?? -1)) newest.set(url, e.created_at);
              onEvent(e, url);
            },
            resumeFilters: () => {
              const n = newest.get(url);
              if (n === undefined) return filters;
              // A minute of overlap covers events stamped slightly before ones already seen.
              return filters.map((f) => (f.until !== undefined ? f : { ...f, since: Math.max(f.since ?? 0, n - 60) }));
            },
            onEose: () => eose(url),
            onClosed: () => {
              ids.delete(url);
              eose(url);
            },
          },
          true,
        );
        ids.set(url, id);
      }
      if (urls.length === 0) eose('');
      return {
        close() {
          clearTimeout(timer);
          for (const [url, id] of ids) conns.get(url)?.unsubscribe(id);
          ids.clear();
        },
      };
    },

    async count(filters, opts = {}) {
      const urls = targets(opts.relays);
      const answers = await Promise.all(urls.map((url) => conn(url).count(filters, opts.timeoutMs ?? 8000)));
      const numbers = answers.filter((n): n is number => n !== undefined);
      return numbers.length > 0 ? Math.max(...numbers) : undefined;
    },

    async publish(event, relays, opts = {}) {
      const urls = targets(relays);
      const timeoutMs = opts.timeoutMs ?? 8000;
      return Promise.all(urls.map(async (url) => ({ url, ...(await conn(url).publish(event, timeoutMs)) })));
    },

    retryNow() {
      for (const c of conns.values()) c.retryNow();
    },

    close() {
      closed = true;
      for (const c of conns.values()) c.close();
      conns.clear();
    },
  };
}
