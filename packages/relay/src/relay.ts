import type { WebSocket } from 'ws';
import {
  authMessage,
  closedMessage,
  negErrMessage,
  okMessage,
  parseClientMessage,
  reason,
  type NostrEvent,
} from '@lifeline/nostr';
import type { Config } from '@lifeline/config';
import { policyNips, type Policies } from '@lifeline/policies';
import type { EventStore } from '@lifeline/store';
import type { Verifier } from '@lifeline/verify';
import { createAddEvent, pipelineNips, type AddEvent } from './add-event.js';
import { Connection } from './connection.js';
import { RecentIds } from './recent-ids.js';
import { Outgoing, SubscriptionIndex } from './subscriptions.js';
import { WriteScheduler } from './write-scheduler.js';
import type { HandlerContext } from './handlers/context.js';
import { checkFilters } from './handlers/filters.js';
import { dispatch, verbNips, type ClientMessage } from './handlers/index.js';

/** The settings the relay core reads. */
export type RelaySettings = Pick<
  Config,
  | 'maxSubscriptions'
  | 'maxFilters'
  | 'maxFilterValues'
  | 'maxLimit'
  | 'maxSearchLength'
  | 'maxSearchTerms'
  | 'maxOutboundBytes'
  | 'maxConnectionQueries'
  | 'connectionMessagesPerSecond'
  | 'connectionBurst'
  | 'connectionQueryCostPerSecond'
  | 'connectionQueryBurst'
  | 'negentropyMaxSessions'
  | 'negentropyMaxRecords'
  | 'negentropyFrameBytes'
  | 'negentropyIdleSeconds'
>;

/** Everything a relay is built from. */
export interface RelayDeps {
  settings: RelaySettings;
  store: EventStore;
  verifier: Verifier;
  policies: Policies;
  /** The URL clients use for this relay, for NIP-42 and NIP-62 relay tags. */
  relayUrl: string;
  /** Where unexpected failures (bugs, storage errors) are reported; never given client addresses. */
  onError?: (message: string, fields: Record<string, unknown>) => void;
}

/** A running relay core, independent of how sockets reach it. */
export interface Relay {
  /** The one way in for events from any source. */
  addEvent: AddEvent;
  /** Adopts an open WebSocket as a client connection. */
  handleSocket(ws: WebSocket): void;
  /** Number of open connections and live subscriptions. */
  stats(): { connections: number; subscriptions: number };
  /** The NIPs this relay implements as configured: its verbs, pipeline, policies and storage. */
  supportedNips(): number[];
  /** Calls `listener` after each event's effect is committed (khatru's OnEventSaved); returns an unsubscribe. */
  onStored(listener: (event: NostrEvent) => void): () => void;
  /** Closes every connection and waits for in-flight messages to finish. */
  close(): Promise<void>;
}

/** Answers a message refused by the connection's rate limit in the form its verb expects. */
function refuse(conn: Connection, msg: ClientMessage, message: string): void {
  if (msg.type === 'EVENT' || msg.type === 'AUTH') {
    const id = (msg.event as { id?: unknown } | null)?.id;
    conn.send(okMessage(typeof id === 'string' ? id.slice(0, 64) : '', false, message));
  } else if (msg.type === 'REQ' || msg.type === 'COUNT') conn.send(closedMessage(msg.subId, message));
  else if (msg.type === 'NEG-OPEN' || msg.type === 'NEG-MSG') conn.send(negErrMessage(msg.subId, message));
  else conn.notice(message);
}

/** Builds the relay core: the event pipeline, the subscription index and the message handlers. */
export function createRelay(deps: RelayDeps): Relay {
  const { settings } = deps;
  const index = new SubscriptionIndex();
  const writes = new WriteScheduler();
  const connections = new Set<Connection>();
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  const storedListeners = new Set<(event: NostrEvent) => void>();
  // The same event sent to two processes at once: each may deliver its copy early (before the
  // commits decide which one stored it), and the other's commit arrives through the store's feed
  // before or after that. Whichever comes second within a few seconds is not delivered again.
  const deliveredHere = new RecentIds(5000);
  const deliverOnce = (event: NostrEvent, json: string) => {
    if (deliveredHere.has(event.id)) return;
    deliveredHere.add(event.id);
    index.dispatch(new Outgoing(event, json));
  };
  const report =
    deps.onError ??
    ((message: string, fields: Record<string, unknown>) =>
      process.emitWarning(`${message}: ${JSON.stringify(fields)}`));
  const addEvent = createAddEvent({
    store: deps.store,
    verifier: deps.verifier,
    policies: deps.policies,
    relayUrl: deps.relayUrl,
    broadcast: (event: NostrEvent, json: string) => deliverOnce(event, json),
    onError: report,
    stored: (event: NostrEvent) => {
      for (const listener of storedListeners) listener(event);
    },
  });
  // Events other processes sharing the store committed: delivered live here too, and passed to the
  // same listeners (caches, desk feeds) as this process's own. The store never echoes our own writes.
  const stopFollowing = deps.store.onCommitted?.(({ event, json }) => {
    deliverOnce(event, json);
    for (const listener of storedListeners) listener(event);
  });
  const limits = {
    maxSubscriptions: settings.maxSubscriptions,
    maxFilters: settings.maxFilters,
    maxFilterValues: settings.maxFilterValues,
    maxLimit: settings.maxLimit,
    maxSearchLength: settings.maxSearchLength,
    maxSearchTerms: settings.maxSearchTerms,
  };
  const connectionLimits = {
    maxOutboundBytes: settings.maxOutboundBytes,
    maxSubscriptions: settings.maxSubscriptions,
    maxQueries: settings.maxConnectionQueries,
    messagesPerSecond: settings.connectionMessagesPerSecond,
    burst: settings.connectionBurst,
    queryCostPerSecond: settings.connectionQueryCostPerSecond,
    queryBurst: settings.connectionQueryBurst,
  };
  const ctx: HandlerContext = {
    addEvent,
    inFlight: addEvent.inFlight,
    store: deps.store,
    verifier: deps.verifier,
    policies: deps.policies,
    relayUrl: deps.relayUrl,
    limits,
    negentropy: {
      maxSessions: settings.negentropyMaxSessions,
      maxRecords: settings.negentropyMaxRecords,
      frameBytes: settings.negentropyFrameBytes,
      idleMs: settings.negentropyIdleSeconds * 1000,
    },
    checkFilters: (raw, client) => checkFilters(raw, client, deps.policies, limits),
  };

  function onMessage(conn: Connection, data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void {
    // Frames read from a connection that is already gone start no work.
    if (conn.closed) return;
    // Junk takes a token like any message, so a garbage flood is throttled too.
    if (isBinary) {
      conn.notice(
        conn.bucket.take() ? reason('invalid', 'binary frames are not supported') : reason('rate-limited', 'slow down'),
      );
      return;
    }
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    const msg = parseClientMessage(text);
    if (msg.type === 'error') {
      if (!conn.bucket.take()) conn.notice(reason('rate-limited', 'slow down'));
      else if (msg.subId === undefined) conn.notice(msg.reason);
      else if (msg.neg) conn.send(negErrMessage(msg.subId, msg.reason));
      else conn.send(closedMessage(msg.subId, msg.reason));
      return;
    }
    // Once shutdown starts, new work is refused so storage can close under the requests it waited for.
    if (closing && msg.type !== 'CLOSE') {
      refuse(conn, msg, reason('error', 'relay is shutting down'));
      return;
    }
    // CLOSE frees resources, so it is never rate limited.
    if (msg.type !== 'CLOSE' && !conn.bucket.take()) {
      refuse(conn, msg, reason('rate-limited', 'slow down'));
      return;
    }
    let p: Promise<void> | void;
    try {
      p = dispatch(ctx, conn, msg);
    } catch (err) {
      report('handler failed', { verb: msg.type, error: (err as Error).message });
      conn.notice(reason('error', 'internal error'));
      return;
    }
    if (p) {
      const tracked: Promise<void> = p
        .catch((err: unknown) => {
          report('handler failed', { verb: msg.type, error: (err as Error)?.message });
          conn.notice(reason('error', 'internal error'));
        })
        .finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
  }

  function drop(conn: Connection): void {
    if (!connections.delete(conn)) return;
    conn.closed = true;
    conn.unsubscribeAll();
  }

  // Dead peers (no pong within one interval) are dropped so their resources are freed.
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.alive) {
        conn.terminate();
        drop(conn);
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, 30_000);
  heartbeat.unref();

  return {
    addEvent,
    onStored(listener) {
      storedListeners.add(listener);
      return () => storedListeners.delete(listener);
    },
    handleSocket(ws) {
      const conn = new Connection(ws, { index, writes, limits: connectionLimits });
      connections.add(conn);
      ws.on('message', (data, isBinary) => onMessage(conn, data, isBinary));
      ws.on('pong', () => (conn.alive = true));
      ws.on('close', () => drop(conn));
      ws.on('error', () => drop(conn));
      conn.send(authMessage(conn.challenge));
    },
    stats: () => ({ connections: connections.size, subscriptions: index.size }),
    supportedNips: () =>
      [...new Set([...verbNips, ...pipelineNips, ...policyNips(deps.policies), ...(deps.store.nips ?? [])])].sort(
        (a, b) => a - b,
      ),
    async close() {
      closing = true;
      clearInterval(heartbeat);
      stopFollowing?.();
      // Stored queries end now (one waiting for a client that never reads would wait forever);
      // events in flight are let finish, so what was acknowledged is what was stored.
      for (const conn of connections) conn.cancelQueries();
      await Promise.allSettled([...inFlight]);
      for (const conn of connections) {
        conn.close(1001, 'relay shutting down');
        drop(conn);
      }
    },
  };
}
