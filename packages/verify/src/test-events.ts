// Tampered events shared by this package's tests.
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';

/** Returns `hex` with one bit flipped at a random position. */
export function flipBit(hex: string): string {
  const i = Math.floor(Math.random() * hex.length);
  const c = (parseInt(hex[i]!, 16) ^ (1 << Math.floor(Math.random() * 4))).toString(16);
  return hex.slice(0, i) + c + hex.slice(i + 1);
}

/** Well-formed events, roughly half of them with a flipped bit in sig, pubkey or id. */
export function randomEvents(n: number): { events: NostrEvent[]; expected: boolean[] } {
  const authors = Array.from({ length: 8 }, () => keys());
  const events: NostrEvent[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const e = signed(authors[i % authors.length]!, { created_at: 1_700_000_000 + i, content: `post ${i}` });
    const field = (['ok', 'ok', 'ok', 'sig', 'pubkey', 'id'] as const)[Math.floor(Math.random() * 6)]!;
    if (field !== 'ok') e[field] = flipBit(e[field]);
    events.push(e);
    expected.push(field === 'ok');
  }
  return { events, expected };
}
