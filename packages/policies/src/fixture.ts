import type { NostrEvent } from '@lifeline/nostr';
import type { ClientInfo, EventInput, EventSource } from './types.js';

// Test-only builders shared by the policy tests; no policy imports this file.

/** An unsigned-looking event with sensible defaults; policies never check signatures. */
export function fakeEvent(over: Partial<NostrEvent> = {}): NostrEvent {
  return {
    id: '0'.repeat(64),
    pubkey: 'a'.repeat(64),
    created_at: 1_700_000_000,
    kind: 1,
    tags: [],
    content: 'hello',
    sig: 'f'.repeat(128),
    ...over,
  };
}

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
