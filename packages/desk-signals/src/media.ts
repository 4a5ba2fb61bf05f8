import type { NostrEvent } from '@lifeline/nostr';

const SHA256 = /\b[0-9a-f]{64}\b/g;
const URL_RE = /https?:\/\/\S+/g;

/** Media hashes in a post's tags: NIP-94/NIP-92 `x` fields, in `imeta` tags or alone. */
export function tagMediaHashes(tags: string[][]): string[] {
  const out: string[] = [];
  for (const t of tags) {
    if (t[0] === 'x' && /^[0-9a-f]{64}$/.test(t[1] ?? '')) out.push(t[1]!);
    if (t[0] === 'imeta') for (const part of t.slice(1)) if (/^x [0-9a-f]{64}$/.test(part)) out.push(part.slice(2));
  }
  return out;
}

/** 64-hex names in Blossom-style URLs in the content (the same picture re-posted by many accounts). */
export function contentMediaHashes(content: string): string[] {
  if (!content.includes('http')) return [];
  const out: string[] = [];
  for (const url of content.match(URL_RE) ?? []) for (const h of url.match(SHA256) ?? []) out.push(h);
  return out;
}

/** Every media hash a post carries, from its tags and its content, once each. */
export function mediaHashes(event: Pick<NostrEvent, 'content' | 'tags'>): string[] {
  return [...new Set([...tagMediaHashes(event.tags), ...contentMediaHashes(event.content)])];
}
