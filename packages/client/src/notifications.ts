import { GENERIC_REPOST_KIND, REACTION_KIND, REPOST_KIND, TEXT_NOTE_KIND, compareNewestFirst } from '@lifeline/nostr';
import { parseContent } from './content.js';
import { isMuted, type Mutes } from './mutes.js';
import { parseThread } from './threads.js';
import type { Filter, SignedEvent } from './types.js';

/** What kind of attention an event pays me. */
export type NotificationType = 'reply' | 'mention' | 'quote' | 'repost' | 'like';

/** One notification. */
export interface Notification {
  type: NotificationType;
  event: SignedEvent;
  /** The event of mine it is about (reply/repost/like), when the tags name one. */
  targetId?: string;
}

/** The query for my notifications: events tagging me with p, of kinds 1, 6, 7 and 16. */
export function notificationsFilter(
  me: string,
  opts: { since?: number; until?: number; limit?: number } = {},
): Filter[] {
  const f: Filter = {
    '#p': [me],
    kinds: [TEXT_NOTE_KIND, REPOST_KIND, REACTION_KIND, GENERIC_REPOST_KIND],
    limit: opts.limit ?? 100,
  };
  if (opts.since !== undefined) f.since = opts.since;
  if (opts.until !== undefined) f.until = opts.until;
  return [f];
}

/**
 * Classifies an event that references me, or returns undefined when it is mine, muted, not about
 * me, or a '-' (dislike) reaction. A reply is a kind-1 answer in a thread that tags me; a quote
 * cites one of my notes with a q tag; a mention tags me or names me with nostr:npub.
 */
function classifyNotification(event: SignedEvent, me: string, mutes?: Mutes): Notification | undefined {
  if (event.pubkey === me) return undefined;
  if (mutes && isMuted(event, mutes)) return undefined;
  const tagsMe = event.tags.some((t) => t[0] === 'p' && t[1] === me);
  const lastE = [...event.tags].reverse().find((t) => t[0] === 'e')?.[1];
  const withTarget = (n: Notification, id: string | undefined): Notification => (id ? { ...n, targetId: id } : n);
  switch (event.kind) {
    case REACTION_KIND:
      if (!tagsMe || event.content === '-') return undefined;
      return withTarget({ type: 'like', event }, lastE);
    case REPOST_KIND:
    case GENERIC_REPOST_KIND:
      if (!tagsMe) return undefined;
      return withTarget({ type: 'repost', event }, event.tags.find((t) => t[0] === 'e')?.[1]);
    case TEXT_NOTE_KIND: {
      const named = parseContent(event.content).some((t) => t.type === 'mention' && t.pubkey === me);
      if (!tagsMe && !named) return undefined;
      const refs = parseThread(event);
      if (refs.reply) return withTarget({ type: 'reply', event }, refs.reply.id);
      // NIP-18 quote of one of my notes: the q tag names its author (4th element).
      const q = event.tags.find((t) => t[0] === 'q' && t[3] === me);
      if (q) return withTarget({ type: 'quote', event }, q[1]);
      return { type: 'mention', event };
    }
    default:
      return undefined;
  }
}

/** Classifies a batch: newest first, one notification per event id. */
export function buildNotifications(events: SignedEvent[], me: string, mutes?: Mutes): Notification[] {
  const seen = new Set<string>();
  const out: Notification[] = [];
  for (const e of [...events].sort(compareNewestFirst)) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const n = classifyNotification(e, me, mutes);
    if (n) out.push(n);
  }
  return out;
}
