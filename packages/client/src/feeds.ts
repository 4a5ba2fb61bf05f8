import { REPOST_KIND, TEXT_NOTE_KIND, compareNewestFirst, normalizeHashtag } from '@lifeline/nostr';
import type { Filter, SignedEvent } from './types.js';

/*
 * Filter builders for each timeline, and the merge that keeps a timeline sorted and deduplicated
 * as pages (older, via `until`) and live events (newer) arrive.
 */

/** Paging options shared by the timelines. */
export interface PageOptions {
  limit?: number;
  /** Only events at or before this time (the oldest one shown, for "load more"). */
  until?: number;
  since?: number;
}

const TIMELINE_KINDS = [TEXT_NOTE_KIND, REPOST_KIND];

function page(f: Filter, opts: PageOptions): Filter {
  f.limit = opts.limit ?? 50;
  if (opts.until !== undefined) f.until = opts.until;
  if (opts.since !== undefined) f.since = opts.since;
  return f;
}

/** Home: notes and reposts by the people I follow and by me. */
export function homeFilter(me: string, follows: string[], opts: PageOptions = {}): Filter[] {
  const authors = [...new Set([me, ...follows])];
  return [page({ kinds: TIMELINE_KINDS, authors }, opts)];
}

/** Everyone: all notes and reposts (the relay's public timeline). */
export function everyoneFilter(opts: PageOptions = {}): Filter[] {
  return [page({ kinds: TIMELINE_KINDS }, opts)];
}

/** One person's notes and reposts. */
export function profileFilter(pubkey: string, opts: PageOptions = {}): Filter[] {
  return [page({ kinds: TIMELINE_KINDS, authors: [pubkey] }, opts)];
}

/** A thread: the root itself, plus every note referencing it with an e tag. */
export function threadFilter(rootId: string, opts: { limit?: number } = {}): Filter[] {
  return [{ ids: [rootId] }, { kinds: [TEXT_NOTE_KIND], '#e': [rootId], limit: opts.limit ?? 500 }];
}

/** Notes with a hashtag, normalized so spelling variants (#كتاب and #کتاب, #Iran and #IRAN) meet. */
export function hashtagFilter(tag: string, opts: PageOptions = {}): Filter[] {
  return [page({ kinds: [TEXT_NOTE_KIND], '#t': [normalizeHashtag(tag)] }, opts)];
}

/** NIP-50 full-text search over notes. */
export function searchFilter(query: string, opts: PageOptions = {}): Filter[] {
  const q = query.trim();
  if (q === '') throw new Error('Type something to search for.');
  return [page({ kinds: [TEXT_NOTE_KIND], search: q }, opts)];
}

/**
 * Merges incoming events into a timeline: newest first, each id once, at most `max` entries
 * (the oldest dropped). Returns a new array; the inputs are not modified.
 */
export function mergeNewest(timeline: SignedEvent[], incoming: SignedEvent[], max = 1000): SignedEvent[] {
  const seen = new Set<string>();
  const out: SignedEvent[] = [];
  for (const e of [...timeline, ...incoming]) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  out.sort(compareNewestFirst);
  return out.length > max ? out.slice(0, max) : out;
}

/** The `until` for the next older page: the oldest shown event's time. */
export function nextPageUntil(timeline: SignedEvent[]): number | undefined {
  const last = timeline[timeline.length - 1];
  return last ? last.created_at : undefined;
}
