import { neventEncode } from 'nostr-tools/nip19';
import { TEXT_NOTE_KIND, imetaTag, normalizeHashtag, nowSeconds, type MediaMeta } from '@lifeline/nostr';
import { extractHashtags, parseContent } from './content.js';
import { parseThread } from './threads.js';
import type { EventTemplate, SignedEvent } from './types.js';

/*
 * Templates for notes: replies (NIP-10 marked tags), hashtags (t tags, normalized for Persian and
 * English), mentions (NIP-27 -> p tags), quotes (NIP-18 q tags) and content warnings (NIP-36).
 * Templates are unsigned; a Signer signs them.
 */

/** Options of buildNote. */
export interface NoteOptions {
  content: string;
  /** The note being replied to: root/reply markers and the thread's p tags follow from it. */
  replyTo?: SignedEvent;
  /** A note to quote: a q tag and a nostr:nevent at the end of the content. */
  quote?: SignedEvent;
  /** NIP-36 content warning; an empty string marks it sensitive without a reason. */
  contentWarning?: string;
  /** Attached images (NIP-92): each URL goes into the content and gets an imeta tag. At most four. */
  media?: MediaMeta[];
  /** Extra hashtags besides the ones in the content. */
  hashtags?: string[];
  /** Relay hint written into e/q tags (where the referenced note can be found). */
  relayHint?: string;
  /** My pubkey, left out of the p tags a reply inherits. */
  me?: string;
  created_at?: number;
}

/** Most images one post carries (as on the big microblogs: a grid of four stays readable on a phone). */
export const MAX_MEDIA = 4;

function pushUnique(tags: string[][], tag: string[]): void {
  if (!tags.some((t) => t[0] === tag[0] && t[1] === tag[1])) tags.push(tag);
}

/** Builds a kind-1 note template. */
export function buildNote(opts: NoteOptions): EventTemplate {
  const hint = opts.relayHint ?? '';
  const tags: string[][] = [];
  let content = opts.content;
  const media = opts.media ?? [];
  if (media.length > MAX_MEDIA) throw new Error(`at most ${MAX_MEDIA} images per post`);
  // NIP-92: the URLs are in the content (clients without imeta show them as links) and each has a tag.
  for (const m of media) if (!content.includes(m.url)) content = content.trim() === '' ? m.url : `${content}\n${m.url}`;

  if (opts.quote) {
    const q = opts.quote;
    const nevent = `nostr:${neventEncode({ id: q.id, author: q.pubkey, kind: q.kind, relays: hint ? [hint] : [] })}`;
    if (!content.includes(nevent)) content = content === '' ? nevent : `${content}\n${nevent}`;
    tags.push(['q', q.id, hint, q.pubkey]);
    // The quoted author is told through their #p subscription.
    if (q.pubkey !== opts.me) tags.push(['p', q.pubkey]);
  }

  if (opts.replyTo) {
    const parent = opts.replyTo;
    const refs = parseThread(parent);
    if (refs.root && refs.root.id !== parent.id) {
      tags.push(['e', refs.root.id, refs.root.relay ?? '', 'root', refs.root.pubkey ?? '']);
      tags.push(['e', parent.id, hint, 'reply', parent.pubkey]);
    } else {
      tags.push(['e', parent.id, hint, 'root', parent.pubkey]);
    }
    // NIP-10: the p tags of the parent plus its author, so everyone in the thread is notified.
    for (const p of [parent.pubkey, ...refs.profiles]) if (p !== opts.me) pushUnique(tags, ['p', p]);
  }

  for (const token of parseContent(content)) {
    if (token.type === 'mention' && token.pubkey !== opts.me) {
      pushUnique(tags, token.relays[0] ? ['p', token.pubkey, token.relays[0]] : ['p', token.pubkey]);
    } else if (token.type === 'event' && token.id && !tags.some((t) => t[0] === 'q' && t[1] === token.id)) {
      // NIP-18: a cited note is a quote; q keeps it out of reply threads.
      tags.push(['q', token.id, token.relays[0] ?? '', token.author ?? '']);
    }
  }

  for (const t of [...extractHashtags(content), ...(opts.hashtags ?? []).map(normalizeHashtag)]) {
    if (t !== '') pushUnique(tags, ['t', t]);
  }

  for (const m of media) tags.push(imetaTag(m));

  if (opts.contentWarning !== undefined) {
    tags.push(opts.contentWarning === '' ? ['content-warning'] : ['content-warning', opts.contentWarning]);
  }
  return { kind: TEXT_NOTE_KIND, created_at: opts.created_at ?? nowSeconds(), tags, content };
}
