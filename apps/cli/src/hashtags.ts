import { normalizeHashtag } from '@lifeline/nostr';

// Letters, marks and digits of any script, plus ZWNJ, which Persian words contain (NIP-50 folds it).
const HASHTAG = /(?:^|[^\p{L}\p{M}\p{N}_&#/])#([\p{L}\p{M}\p{N}_\u200c]+)/gu;

/** The `t` tags for the hashtags in a note, normalized for search and deduplicated, in order. */
export function hashtagTags(text: string): string[][] {
  const seen = new Set<string>();
  for (const m of text.matchAll(HASHTAG)) {
    const tag = normalizeHashtag(m[1]!);
    if (tag && !/^\d+$/.test(tag)) seen.add(tag);
  }
  return [...seen].map((t) => ['t', t]);
}
