import { meetsPow, powOf, reason } from '@lifeline/nostr';
import { implementsNip, type RejectEvent } from './types.js';

/**
 * Rejects events whose NIP-13 proof of work is below `minBits`. A committed `nonce` target below
 * `minBits` fails even when the id is luckier, so the message reports the smaller of the two.
 */
export function requirePow(minBits: number): RejectEvent {
  return implementsNip(13, ({ event }) => {
    if (meetsPow(event, minBits)) return undefined;
    const { bits, target } = powOf(event);
    const claimed = target === undefined ? bits : Math.min(bits, target);
    return reason('pow', `difficulty ${claimed} is less than ${minBits}`);
  });
}
