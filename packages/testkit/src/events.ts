import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import type { NostrEvent } from '@lifeline/nostr';

/** A key pair for tests. */
export interface TestKeys {
  sk: Uint8Array;
  pk: string;
}

/** Generates a fresh key pair. */
export function keys(): TestKeys {
  const sk = generateSecretKey();
  return { sk, pk: getPublicKey(sk) };
}

/** Signs an event template with defaults: kind 1, now, no tags. */
export function signed(
  who: TestKeys,
  template: Partial<Pick<NostrEvent, 'kind' | 'created_at' | 'tags' | 'content'>> = {},
): NostrEvent {
  return finalizeEvent(
    {
      kind: template.kind ?? 1,
      created_at: template.created_at ?? Math.floor(Date.now() / 1000),
      tags: template.tags ?? [],
      content: template.content ?? 'hello',
    },
    who.sk,
  ) as NostrEvent;
}
