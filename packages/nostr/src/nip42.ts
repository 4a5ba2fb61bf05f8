import type { NostrEvent } from './types.js';
import { reason } from './reasons.js';
import { AUTH_KIND } from './kinds.js';
import { sameRelayUrl } from './relayUrl.js';

/** How far (seconds) an AUTH event's created_at may be from the relay's clock (NIP-42: ~10 min). */
export const AUTH_WINDOW_SECONDS = 600;

/** What the relay expects an AUTH event to prove. */
export interface AuthExpectation {
  challenge: string;
  relayUrl: string;
  /** Current time in seconds. */
  now: number;
}

function tagValue(event: Pick<NostrEvent, 'tags'>, name: string): string | undefined {
  for (const tag of event.tags) if (tag[0] === name) return tag[1];
  return undefined;
}

/**
 * Checks the content of an AUTH event (id and signature are checked elsewhere) and returns an
 * `invalid:` reason, or undefined when it authenticates the connection.
 */
export function validateAuthEvent(
  event: Pick<NostrEvent, 'kind' | 'tags' | 'created_at'>,
  expected: AuthExpectation,
): string | undefined {
  if (event.kind !== AUTH_KIND) return reason('invalid', `auth event must be kind ${AUTH_KIND}`);
  if (Math.abs(event.created_at - expected.now) > AUTH_WINDOW_SECONDS) {
    return reason('invalid', 'auth event created_at is too far from now');
  }
  if (tagValue(event, 'challenge') !== expected.challenge) {
    return reason('invalid', 'auth challenge does not match');
  }
  const relay = tagValue(event, 'relay');
  if (relay === undefined || !sameRelayUrl(relay, expected.relayUrl)) {
    return reason('invalid', 'auth relay url does not match');
  }
  return undefined;
}
