import {
  GENERIC_REPOST_KIND,
  MUTE_LIST_KIND,
  REPOST_KIND,
  isHex64,
  normalizeHashtag,
  normalizeText,
  nowSeconds,
} from '@lifeline/nostr';
import { parseThread } from './threads.js';
import type { EventTemplate, SignedEvent } from './types.js';

/** What the user muted (public items of a NIP-51 mute list). */
export interface Mutes {
  pubkeys: string[];
  /** Normalized hashtags. */
  hashtags: string[];
  /** Normalized words (matched inside content). */
  words: string[];
  /** Muted threads (event ids). */
  events: string[];
}

/** An empty mute list. */
function emptyMutes(): Mutes {
  return { pubkeys: [], hashtags: [], words: [], events: [] };
}

function add(list: string[], v: string): void {
  if (v !== '' && !list.includes(v)) list.push(v);
}

/** Reads the public p, t, word and e tags of a kind-10000 event. */
export function parseMuteList(event: Pick<SignedEvent, 'kind' | 'tags'> | undefined): Mutes {
  const m = emptyMutes();
  if (!event || event.kind !== MUTE_LIST_KIND) return m;
  for (const [name, value] of event.tags) {
    if (value === undefined) continue;
    if (name === 'p' && isHex64(value)) add(m.pubkeys, value);
    else if (name === 't') add(m.hashtags, normalizeHashtag(value));
    else if (name === 'word') add(m.words, normalizeText(value).trim());
    else if (name === 'e' && isHex64(value)) add(m.events, value);
  }
  return m;
}

/**
 * Builds the next kind-10000 event. Tags and content of `previous` that Lifeline does not manage
 * (other tag names, encrypted private items in content) are kept as they were.
 */
export function buildMuteList(mutes: Mutes, opts: { previous?: SignedEvent; created_at?: number } = {}): EventTemplate {
  const managed = new Set(['p', 't', 'word', 'e']);
  const kept = (opts.previous?.tags ?? []).filter((t) => !managed.has(t[0] ?? ''));
  const tags = [
    ...mutes.pubkeys.map((v) => ['p', v]),
    ...mutes.hashtags.map((v) => ['t', v]),
    ...mutes.words.map((v) => ['word', v]),
    ...mutes.events.map((v) => ['e', v]),
    ...kept,
  ];
  const created_at = Math.max(opts.created_at ?? nowSeconds(), (opts.previous?.created_at ?? 0) + 1);
  return { kind: MUTE_LIST_KIND, created_at, tags, content: opts.previous?.content ?? '' };
}

/**
 * True when the event should be hidden: its author, a thread it belongs to, one of its hashtags
 * or a word in its content is muted. Reposts are also hidden when the reposted author is muted.
 */
export function isMuted(
  event: Pick<SignedEvent, 'id' | 'pubkey' | 'kind' | 'tags' | 'content'>,
  mutes: Mutes,
): boolean {
  if (mutes.pubkeys.includes(event.pubkey)) return true;
  if (mutes.events.includes(event.id)) return true;
  if (event.kind === REPOST_KIND || event.kind === GENERIC_REPOST_KIND) {
    const p = event.tags.find((t) => t[0] === 'p')?.[1];
    if (p && mutes.pubkeys.includes(p)) return true;
  }
  if (mutes.events.length > 0) {
    const refs = parseThread(event);
    if ((refs.root && mutes.events.includes(refs.root.id)) || (refs.reply && mutes.events.includes(refs.reply.id)))
      return true;
  }
  if (mutes.hashtags.length > 0) {
    for (const t of event.tags)
      if (t[0] === 't' && t[1] && mutes.hashtags.includes(normalizeHashtag(t[1]))) return true;
  }
  if (mutes.words.length > 0) {
    const text = normalizeText(event.content);
    if (mutes.words.some((w) => w !== '' && text.includes(w))) return true;
  }
  return false;
}
