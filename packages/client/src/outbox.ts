import type { PublishResult, RelayPool } from './pool.js';
import type { KeyValueStore } from './storage.js';
import type { SignedEvent } from './types.js';
import { verifiedEvent } from './verify.js';

/*
 * Signed events waiting to reach a relay. A witness on a bad connection must be able to post and
 * walk away: the event is persisted first, then retried whenever a relay comes back or a timer
 * fires, and forgotten only once at least one write relay accepted it.
 */

const PREFIX = 'outbox:';
// NIP-01 prefixes that will not change on retry.
const PERMANENT = /^(invalid|blocked|restricted|pow|auth-required):/;

/** One relay's last answer for an entry. */
export interface RelayAttempt {
  ok: boolean;
  message: string;
  /** When it answered (ms since epoch). */
  at: number;
}

/** An event in the outbox and what each relay said so far. */
export interface OutboxEntry {
  event: SignedEvent;
  /** Relays to publish to; empty means the pool's current default (write) relays. */
  relays: string[];
  results: Record<string, RelayAttempt>;
  attempts: number;
  addedAt: number;
  /** Every relay refused it for a reason a retry cannot fix; it waits for the user. */
  rejected: boolean;
  /** At least one relay accepted it (only in `recent()`; such entries leave storage). */
  delivered: boolean;
}

/** Options of createOutbox. */
export interface OutboxOptions {
  store: KeyValueStore;
  pool: RelayPool;
  /** The user's write relays (NIP-65); the pool's defaults when omitted or empty. */
  writeRelays?: () => string[];
  /** Retry timer period; 30 s by default. */
  retryMs?: number;
  publishTimeoutMs?: number;
  now?: () => number;
}

/** The outbox. */
export interface Outbox {
  /** Persists the event, then tries to publish it; resolves with the entry after that first try. */
  send(event: SignedEvent, relays?: string[]): Promise<OutboxEntry>;
  /** Events not yet accepted anywhere, oldest first. */
  pending(): Promise<OutboxEntry[]>;
  /** Recently delivered entries with their per-relay results (this session only). */
  recent(): OutboxEntry[];
  /** Tries every pending entry once (concurrent calls share one run). */
  flush(): Promise<void>;
  /** Drops an entry without publishing it (the user gave up on it). */
  remove(id: string): Promise<void>;
  /** Calls `listener` whenever an entry changes; returns an unsubscribe function. */
  onChange(listener: (entry: OutboxEntry) => void): () => void;
  /** Retries on a timer and whenever a relay connection opens. */
  start(): void;
  stop(): void;
}

function accepted(r: PublishResult): boolean {
  // "duplicate:" means the relay already has it — delivered all the same.
  return r.ok || r.message.startsWith('duplicate:');
}

/** Creates an outbox over a KeyValueStore and a relay pool. */
export function createOutbox(opts: OutboxOptions): Outbox {
  const { store, pool } = opts;
  const now = opts.now ?? Date.now;
  const listeners = new Set<(e: OutboxEntry) => void>();
  const delivered: OutboxEntry[] = [];
  let running: Promise<void> | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  let offStatus: (() => void) | undefined;

  const emit = (e: OutboxEntry): void => {
    for (const l of listeners) l(e);
  };

  const load = async (key: string): Promise<OutboxEntry | undefined> => {
    const raw = await store.get(key);
    if (raw === undefined) return undefined;
    try {
      const entry = JSON.parse(raw) as OutboxEntry;
      // Storage is not trusted blindly: a corrupted entry is dropped, never published.
      if (!verifiedEvent(entry.event)) throw new Error('bad event');
      return entry;
    } catch {
      await store.delete(key);
      return undefined;
    }
  };

  const attempt = async (entry: OutboxEntry): Promise<OutboxEntry> => {
    const wanted = entry.relays.length > 0 ? entry.relays : (opts.writeRelays?.() ?? []);
    const results = await pool.publish(entry.event, wanted.length > 0 ? wanted : undefined, {
      timeoutMs: opts.publishTimeoutMs ?? 8000,
    });
    entry.attempts++;
    for (const r of results) entry.results[r.url] = { ok: accepted(r), message: r.message, at: now() };
    const key = PREFIX + entry.event.id;
    if (results.some(accepted)) {
      entry.delivered = true;
      await store.delete(key);
      delivered.unshift(entry);
      delivered.length = Math.min(delivered.length, 50);
    } else {
      entry.rejected = results.length > 0 && results.every((r) => PERMANENT.test(r.message));
      // Still pending unless the user removed it meanwhile.
      if ((await store.get(key)) !== undefined) await store.set(key, JSON.stringify(entry));
    }
    emit(entry);
    return entry;
  };

  const pending = async (): Promise<OutboxEntry[]> => {
    const entries: OutboxEntry[] = [];
    for (const key of await store.keys(PREFIX)) {
      const e = await load(key);
      if (e) entries.push(e);
    }
    return entries.sort((a, b) => a.addedAt - b.addedAt);
  };

  const flush = (): Promise<void> => {
    running ??= (async () => {
      try {
        for (const entry of await pending()) {
          if (!entry.rejected) await attempt(entry);
        }
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  return {
    async send(event, relays = []) {
      if (!verifiedEvent(event)) throw new Error('Refusing to queue an event whose signature does not verify.');
      const key = PREFIX + event.id;
      const existing = await load(key);
      const entry: OutboxEntry = existing ?? {
        event,
        relays,
        results: {},
        attempts: 0,
        addedAt: now(),
        rejected: false,
        delivered: false,
      };
      await store.set(key, JSON.stringify(entry));
      emit(entry);
      return attempt(entry);
    },
    pending,
    recent: () => [...delivered],
    flush,
    async remove(id) {
      await store.delete(PREFIX + id);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void flush().catch(() => {}), opts.retryMs ?? 30_000);
      offStatus = pool.onStatus((s) => {
        if (s.state === 'open') void flush().catch(() => {});
      });
      void flush().catch(() => {});
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      offStatus?.();
      offStatus = undefined;
    },
  };
}
