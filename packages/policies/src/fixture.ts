import type { NostrEvent } from '@lifeline/nostr';
import type { ClientInfo, EventInput, EventSource } from './types.js';

// Test-only builders for the policy tests' own types (events come from @lifeline/testkit);
// no policy imports this file.

/** A client that has authenticated as the given pubkeys. */
export function fakeClient(...authed: string[]): ClientInfo {
  return { connectionId: 1, authed: new Set(authed) };
}

/** An EventInput for `event`, from a WebSocket unless told otherwise. */
export function fakeInput(
  event: NostrEvent,
  opts: { source?: EventSource; client?: ClientInfo; now?: number } = {},
): EventInput {
  const source = opts.source ?? 'ws';
  const client = opts.client ?? (source === 'ws' ? fakeClient() : undefined);
  return { event, source, now: opts.now ?? event.created_at, ...(client ? { client } : {}) };
}
