// Signed and tampered events shared by this package's tests.
import { finalizeEvent, generateSecretKey } from 'nostr-tools/pure';
import type { NostrEvent } from '@lifeline/nostr';

/** Returns `hex` with one bit flipped at a random position. */
export function flipBit(hex: string): string {
  const i = Math.floor(Math.random() * hex.length);
  const c = (parseInt(hex[i]!, 16) ^ (1 << Math.floor(Math.random() * 4))).toString(16);
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

/** A freshly signed kind-1 event from a new key. */
export function signed(content = 'hello'): NostrEvent {
  return finalizeEvent({ kind: 1, created_at: 1_700_000_000, tags: [['t', 'iran']], content }, generateSecretKey());
}

/** Well-formed events, roughly half of them with a flipped bit in sig, pubkey or id. */
export function randomEvents(n: number): { events: NostrEvent[]; expected: boolean[] } {
  const keys = Array.from({ length: 8 }, () => generateSecretKey());
  const events: NostrEvent[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const e: NostrEvent = finalizeEvent({ kind: 1, created_at: 1_700_000_000 + i, tags: [], content: `post ${i}` }, keys[i % keys.length]!);
    const field = (['ok', 'ok', 'ok', 'sig', 'pubkey', 'id'] as const)[Math.floor(Math.random() * 6)]!;
    if (field !== 'ok') e[field] = flipBit(e[field]);
    events.push(e);
    expected.push(field === 'ok');
  }
  return { events, expected };
}
