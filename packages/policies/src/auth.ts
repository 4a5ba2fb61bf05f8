import { isProtected, reason } from '@lifeline/nostr';
import { implementsNip, type EventSource, type RejectEvent, type RejectFilter } from './types.js';

/** The pair of hooks that make a relay private to authenticated clients (NIP-42). */
export interface AuthPolicies {
  event: RejectEvent;
  filter: RejectFilter;
}

/**
 * Requires NIP-42 authentication before a WebSocket client may publish or subscribe. Other
 * sources (import, gateway, sync, cli) are the operator's own paths and have no client to auth.
 */
export function requireAuth(): AuthPolicies {
  return {
    event: implementsNip(42, ({ source, client }) =>
      source === 'ws' && !client?.authed.size
        ? reason('auth-required', 'authenticate to publish on this relay')
        : undefined,
    ),
    // Filters without a client are the node's own queries (feeds, pages), never a remote REQ.
    filter: (_filters, client) =>
      client && client.authed.size === 0 ? reason('auth-required', 'authenticate to read from this relay') : undefined,
  };
}

/** Which non-WebSocket sources may carry protected events; see protectedEvents(). */
export interface ProtectedOptions {
  trustedSources?: readonly EventSource[];
}

/**
 * NIP-70: a protected event is accepted over a WebSocket only from a client authenticated as its
 * author. The operator's own paths (import of a backup, gateways the node signs for)
 * are trusted by default; `sync` is not, because a peer copying the event is exactly the
 * third-party republishing the author asked relays to refuse.
 */
export function protectedEvents({ trustedSources = ['import', 'gateway'] }: ProtectedOptions = {}): RejectEvent {
  return implementsNip(70, ({ event, source, client }) => {
    if (!isProtected(event)) return undefined;
    if (source === 'ws') {
      return client?.authed.has(event.pubkey)
        ? undefined
        : reason('auth-required', 'this event may only be published by its author');
    }
    return trustedSources.includes(source) ? undefined : reason('blocked', 'protected event');
  });
}
