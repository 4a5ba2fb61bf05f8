import { reason, type NostrEvent } from '@lifeline/nostr';
import type { RejectEvent } from './types.js';

// NIP-13 lives here until @lifeline/nostr grows a nip13.ts; it is pure and small.

/** Number of leading zero bits of a hex id (NIP-13 difficulty). */
export function leadingZeroBits(hex: string): number {
  let bits = 0;
  for (let i = 0; i < hex.length; i++) {
    const nibble = parseInt(hex[i]!, 16);
    if (nibble === 0) {
      bits += 4;
      continue;
    }
    bits += Math.clz32(nibble) - 28;
    break;
  }
  return bits;
}

/**
 * The difficulty an event can claim: its id's leading zero bits, but no more than the target
 * committed in its `nonce` tag, so a low-target miner that got lucky does not pass (NIP-13).
 */
export function powDifficulty(event: Pick<NostrEvent, 'id' | 'tags'>): number {
  const work = leadingZeroBits(event.id);
  const nonce = event.tags.find((t) => t[0] === 'nonce');
  const target = nonce?.[2] === undefined ? NaN : Number(nonce[2]);
  return Number.isInteger(target) && target >= 0 ? Math.min(work, target) : work;
}

/** Rejects events whose NIP-13 proof of work is below `minBits`. */
export function requirePow(minBits: number): RejectEvent {
  return ({ event }) => {
    const bits = powDifficulty(event);
    return bits < minBits ? reason('pow', `difficulty ${bits} is less than ${minBits}`) : undefined;
  };
}
