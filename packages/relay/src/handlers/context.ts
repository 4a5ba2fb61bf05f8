import type { Filter } from '@lifeline/nostr';
import type { Policies } from '@lifeline/policies';
import type { EventStore } from '@lifeline/store';
import type { Verifier } from '@lifeline/verify';
import type { AddEvent } from '../add-event.js';
import type { SubscriptionIndex } from '../subscriptions.js';

/** What message handlers share: the pieces of the relay they need, and nothing else. */
export interface HandlerContext {
  addEvent: AddEvent;
  store: EventStore;
  verifier: Verifier;
  policies: Policies;
  index: SubscriptionIndex;
  relayUrl: string;
  limits: { maxSubscriptions: number; maxFilters: number; maxFilterValues: number; maxLimit: number };
  /** Validates a REQ/COUNT's filters; returns them or a prefixed reason. */
  checkFilters(raw: unknown[], client: import('@lifeline/policies').ClientInfo): Filter[] | string;
}
