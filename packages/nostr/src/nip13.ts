import type { NostrEvent } from './types.js';

/** Counts leading zero bits of a hex id: the NIP-13 difficulty. */
export function leadingZeroBits(idHex: string): number {
  let bits = 0;
  for (let i = 0; i < idHex.length; i++) {
    const nibble = parseInt(idHex[i]!, 16);
    if (Number.isNaN(nibble)) return bits;
    if (nibble === 0) {
      bits += 4;
      continue;
    }
    return bits + Math.clz32(nibble) - 28;
  }
  return bits;
}

/** Difficulty of an event and the target its `nonce` tag commits to, if any. */
export interface Pow {
  bits: number;
  target?: number;
}

/** Reads an event's difficulty and committed target (third value of the `nonce` tag). */
export function powOf(event: Pick<NostrEvent, 'id' | 'tags'>): Pow {
  const bits = leadingZeroBits(event.id);
  for (const tag of event.tags) {
    if (tag[0] !== 'nonce') continue;
    const t = tag[2];
    if (t !== undefined && /^\d{1,3}$/.test(t)) return { bits, target: Number(t) };
    break;
  }
  return { bits };
}

/**
 * True when the event has at least `minBits` of work. A committed target below `minBits` fails
 * even if the id is luckier (NIP-13); `requireTarget` also refuses events without a commitment.
 */
export function meetsPow(
  event: Pick<NostrEvent, 'id' | 'tags'>,
  minBits: number,
  options: { requireTarget?: boolean } = {},
): boolean {
  if (minBits <= 0) return true;
  const { bits, target } = powOf(event);
  if (bits < minBits) return false;
  if (target === undefined) return !options.requireTarget;
  return target >= minBits;
}
