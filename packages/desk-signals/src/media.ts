import type { NostrEvent } from '@lifeline/nostr';

const SHA256 = /\b[0-9a-f]{64}\b/g;

/**
 * The media hashes a post carries: NIP-94/NIP-92 `x` fields (in `imeta` tags or alone) and
 * 64-hex names in Blossom-style URLs in the content, so the same picture re-posted by many
 * accounts is one key.
 */
export function mediaHashes(event: Pick<NostrEvent, 'content' | 'tags'>): string[] {
  const out = new Set<string>();
  for (const t of event.tags) {
    if (t[0] === 'x' && /^[0-9a-f]{64}$/.test(t[1] ?? '')) out.add(t[1]!);
    if (t[0] === 'imeta') for (const part of t.slice(1)) if (/^x [0-9a-f]{64}$/.test(part)) out.add(part.slice(2));
  }
  for (const url of event.content.match(/https?:\/\/\S+/g) ?? []) for (const h of url.match(SHA256) ?? []) out.add(h);
  return [...out];
}
