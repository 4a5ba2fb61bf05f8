import type { Filter, NostrEvent } from '@lifeline/nostr';
import type { ClientInfo, Policies } from '@lifeline/policies';
import type { EventStore } from '@lifeline/store';
import type { Verifier } from '@lifeline/verify';
import type { AddEvent } from '../add-event.js';
import type { NegentropyLimits } from './neg-session.js';

/** The request limits handlers enforce. */
export interface HandlerLimits {
  maxSubscriptions: number;
  maxFilters: number;
  maxFilterValues: number;
  maxLimit: number;
  maxSearchLength: number;
  maxSearchTerms: number;
}

/** What message handlers share: the pieces of the relay they need, and nothing else. */
export interface HandlerContext {
  addEvent: AddEvent;
  /** Regular events delivered live whose write has not committed yet (add-event.ts). */
  inFlight(): Iterable<{ event: NostrEvent; json: string }>;
  store: EventStore;
  verifier: Verifier;
  policies: Policies;
  relayUrl: string;
  limits: HandlerLimits;
  /** NIP-77 session limits. */
  negentropy: NegentropyLimits;
  /** Validates a REQ/COUNT's filters; returns them or a prefixed reason. */
  checkFilters(raw: unknown[], client: ClientInfo): Filter[] | string;
}
