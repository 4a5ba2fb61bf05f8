import {
  DELETION_KIND,
  computeEventId,
  isEphemeral,
  isExpired,
  isHex64,
  isRegular,
  isVanishRequest,
  nowSeconds,
  reason,
  validateEventShape,
  vanishApplies,
  type NostrEvent,
} from '@lifeline/nostr';
import type { ClientInfo, EventSource, Policies } from '@lifeline/policies';
import type { EventStore, SaveOutcome } from '@lifeline/store';
import type { Verifier } from '@lifeline/verify';
import { nativeSha256Hex } from './native-sha256.js';
import { RecentIds } from './recent-ids.js';

/** Where an event comes from, and (for WebSockets) which client sent it. */
export interface AddEventContext {
  source: EventSource;
  client?: ClientInfo;
}

/** The pipeline's answer, ready to become an OK message. */
export interface AddEventResult {
  ok: boolean;
  /** A NIP-01 machine-readable message ('' when accepted without remark). */
  message: string;
  /** The event id when the input had a readable one (for the OK message). */
  id?: string;
  /** True when the event was already stored (or superseded) and nothing changed. */
  duplicate?: boolean;
}

/** What the pipeline needs; assembled once by `createRelay`. */
export interface AddEventDeps {
  store: EventStore;
  verifier: Verifier;
  policies: Policies;
  relayUrl: string;
  /** Hands an accepted event to live subscribers. */
  broadcast(event: NostrEvent, json: string): void;
  /** Told after an event's effect is committed (saved, deletion applied, vanish done). */
  stored?(event: NostrEvent): void;
  /** Reports a failure that ended one request (storage errors). */
  onError?(message: string, fields: Record<string, unknown>): void;
}

/** NIPs the pipeline itself implements: deletion requests, expiration, requests to vanish. */
export const pipelineNips: readonly number[] = [9, 40, 62];

const accepted = (id: string, message = ''): AddEventResult => ({ ok: true, message, id });
const rejected = (message: string, id?: string): AddEventResult => ({ ok: false, message, ...(id ? { id } : {}) });

const outcomeResult: Record<SaveOutcome['status'], (id: string) => AddEventResult> = {
  saved: (id) => accepted(id),
  duplicate: (id) => ({ ...accepted(id, reason('duplicate', 'already have this event')), duplicate: true }),
  superseded: (id) => ({ ...accepted(id, reason('duplicate', 'a newer version is already stored')), duplicate: true }),
  deleted: (id) => rejected(reason('blocked', 'this event was deleted'), id),
};

/**
 * The one way in (khatru's AddEvent): every event, from a WebSocket, an import, a gateway or a
 * sync peer, passes the same checks in the same order, cheapest first, and is acknowledged only
 * once it is durably stored.
 */
export function createAddEvent(deps: AddEventDeps) {
  // Concurrent submissions of one id (a client publishing to us twice, a mirror racing a client)
  // share one signature check; each still meets the policies with its own context.
  const verifying = new Map<string, Promise<boolean>>();
  // Keyed by id AND sig: a forged copy carrying a genuine id must never borrow its verdict.
  const verifyOnce = (event: NostrEvent): Promise<boolean> => {
    const key = event.id + event.sig;
    let p = verifying.get(key);
    if (!p) {
      p = deps.verifier.verify(event).finally(() => verifying.delete(key));
      verifying.set(key, p);
    }
    return p;
  };
  // Regular events delivered live while their write is pending: a concurrent copy must not be
  // delivered twice (neither copy is committed yet, so `has` cannot tell).
  const delivering = new Map<string, { event: NostrEvent; json: string }>();
  // Regular events committed in the last few seconds. A copy whose duplicate check ran before the
  // first copy's commit (a store that answers over the network, like PostgreSQL, answers late)
  // may reach delivery after the first copy left `delivering`: it must not be delivered again.
  const committed = new RecentIds(5000);

  async function run(event: NostrEvent, ctx: AddEventContext): Promise<AddEventResult> {
    const now = nowSeconds();
    const input = { event, source: ctx.source, now, ...(ctx.client ? { client: ctx.client } : {}) };
    for (const policy of deps.policies.rejectEvent) {
      const verdict = policy(input);
      if (verdict) return rejected(verdict, event.id);
    }
    if (isExpired(event, now)) return rejected(reason('invalid', 'event has expired'), event.id);
    const ephemeral = isEphemeral(event.kind);
    // Duplicates are answered before any signature work.
    if (!ephemeral && (await deps.store.has(event.id))) return outcomeResult.duplicate(event.id);
    if (!(await verifyOnce(event))) return rejected(reason('invalid', 'bad signature'), event.id);
    for (const policy of deps.policies.rejectSignedEvent) {
      const verdict = policy(input);
      if (verdict) return rejected(verdict, event.id);
    }
    const json = JSON.stringify(event);
    if (ephemeral) {
      deps.broadcast(event, json);
      return accepted(event.id);
    }
    if (isVanishRequest(event)) {
      if (!vanishApplies(event, deps.relayUrl)) {
        return rejected(reason('invalid', 'request to vanish names another relay'), event.id);
      }
      // NIP-62: everything the author published here up to the request is removed for good. The
      // request itself is then kept (the spec allows it): a mirror that was away gets it when it
      // reconciles, and an older request of the author's went with the rest.
      await deps.store.vanish(event.pubkey, event.created_at, { event, json });
      await deps.store.save([{ event, json }]);
      deps.stored?.(event);
      deps.broadcast(event, json);
      return accepted(event.id);
    }
    if (isRegular(event.kind) && event.kind !== DELETION_KIND) return saveAndDeliverEarly(event, json);
    const [outcome] = await deps.store.save([{ event, json }]);
    const result = outcomeResult[outcome!.status](event.id);
    if (outcome!.status !== 'saved') return result;
    if (event.kind === DELETION_KIND) await deps.store.applyDeletion(event);
    deps.stored?.(event);
    deps.broadcast(event, json);
    return result;
  }

  /**
   * A regular event cannot be superseded, so once the tombstones clear it, live subscribers get
   * it while the write commits: delivery latency does not include the batch commit. OK true still
   * waits for the commit. Replaceable, addressable and deletion events are delivered only after
   * the store has decided, since it may refuse or replace them.
   */
  async function saveAndDeliverEarly(event: NostrEvent, json: string): Promise<AddEventResult> {
    if (await deps.store.refuses(event)) return outcomeResult.deleted(event.id);
    const first = !delivering.has(event.id) && !committed.has(event.id);
    if (first) {
      delivering.set(event.id, { event, json });
      deps.broadcast(event, json);
    }
    try {
      const [outcome] = await deps.store.save([{ event, json }]);
      if (outcome!.status === 'saved') {
        committed.add(event.id);
        deps.stored?.(event);
      }
      return outcomeResult[outcome!.status](event.id);
    } finally {
      if (first) delivering.delete(event.id);
    }
  }

  /**
   * Regular events delivered live whose write has not committed yet. A REQ registered just after
   * such a delivery would otherwise miss the event: too late for the delivery, and its stored
   * query may read before the commit. handlers/req.ts offers these to a new subscription.
   */
  const inFlight = (): Iterable<{ event: NostrEvent; json: string }> => delivering.values();

  return Object.assign(addEvent, { inFlight });

  async function addEvent(input: unknown, ctx: AddEventContext): Promise<AddEventResult> {
    const shape = validateEventShape(input);
    if (!shape.ok) {
      const id = (input as { id?: unknown } | null)?.id;
      return rejected(shape.reason, isHex64(id) ? id : undefined);
    }
    const event = shape.event;
    if (computeEventId(event, nativeSha256Hex) !== event.id)
      return rejected(reason('invalid', 'event id does not match its content'), event.id);
    return run(event, ctx).catch((err: unknown) => {
      // A storage failure ends this request only; the node stays up.
      const error = (err as Error)?.message ?? String(err);
      if (deps.onError) deps.onError('addEvent failed', { source: ctx.source, error });
      else process.emitWarning(`addEvent failed: ${error}`);
      return rejected(reason('error', 'could not store the event, try again'), event.id);
    });
  }
}

/** The way every event enters: `createAddEvent`'s function. */
export type AddEvent = (input: unknown, ctx: AddEventContext) => Promise<AddEventResult>;
