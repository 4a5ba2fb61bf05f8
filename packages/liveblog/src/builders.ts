import { nowSeconds as now } from '@lifeline/nostr';
import { fieldTags, type EntryFields } from './entry.js';
import { blogCoordinate, COMMENT_KIND, DELETION_KIND, ENTRY_KIND, LIVE_EVENT_KIND, REVISION_KIND } from './kinds.js';
import type { Blog, BlogStatus } from './blog.js';
import type { EventTemplate, SignedEvent } from './types.js';

/** What an editor fills in for a new live-blog. */
export interface BlogInput {
  d: string;
  title: string;
  summary?: string;
  image?: string;
  status?: BlogStatus;
  starts?: number;
  ends?: number;
  timeZone?: string;
  lang?: string;
  /** Co-editors' hex pubkeys. */
  editors?: string[];
  hashtags?: string[];
  previous?: string;
  next?: string;
}

/** The kind-30311 template for a live-blog (publish again with changes to update it). */
export function buildBlog(input: BlogInput, createdAt = now()): EventTemplate {
  const tags: string[][] = [
    ['d', input.d],
    ['title', input.title],
    ['status', input.status ?? 'live'],
  ];
  if (input.summary) tags.push(['summary', input.summary]);
  if (input.image) tags.push(['image', input.image]);
  tags.push(['starts', String(input.starts ?? createdAt)]);
  if (input.ends) tags.push(['ends', String(input.ends)]);
  tags.push(['timezone', input.timeZone ?? 'UTC'], ['lang', input.lang ?? 'en']);
  for (const p of input.editors ?? []) tags.push(['p', p, '', 'Editor']);
  for (const t of input.hashtags ?? []) tags.push(['t', t]);
  if (input.previous) tags.push(['a', input.previous, '', 'previous']);
  if (input.next) tags.push(['a', input.next, '', 'next']);
  return { kind: LIVE_EVENT_KIND, created_at: createdAt, tags, content: '' };
}

/** Entry fields as an editor supplies them; embeds are signed events to carry whole. */
export type EntryInput = Partial<Omit<EntryFields, 'embeds'>> & {
  headline: string;
  body: string;
  embeds?: SignedEvent[];
};

function entryTags(blog: Blog, input: EntryInput): string[][] {
  const { embeds, ...fields } = input;
  return [
    ['a', blog.coordinate],
    ...fieldTags({ ...fields, embedJson: (embeds ?? []).map((e) => JSON.stringify(e)) }),
    ...(input.embeds ?? []).map((e) => ['q', e.id]),
  ];
}

/** A new entry (kind 1312). */
export function buildEntry(blog: Blog, input: EntryInput, createdAt = now()): EventTemplate {
  return { kind: ENTRY_KIND, created_at: createdAt, tags: entryTags(blog, input), content: input.body };
}

/** A silent edit: the entry's full new state (kind 1313, revision=edit); the old version stays in the history. */
export function buildEdit(blog: Blog, entryId: string, input: EntryInput, createdAt = now()): EventTemplate {
  return {
    kind: REVISION_KIND,
    created_at: createdAt,
    tags: [['e', entryId], ['revision', 'edit'], ...entryTags(blog, input)],
    content: input.body,
  };
}

/** A correction: the full new state plus a note shown to readers. */
export function buildCorrection(
  blog: Blog,
  entryId: string,
  input: EntryInput,
  note: string,
  createdAt = now(),
): EventTemplate {
  return {
    kind: REVISION_KIND,
    created_at: createdAt,
    tags: [['e', entryId], ['revision', 'correction'], ['note', note], ...entryTags(blog, input)],
    content: input.body,
  };
}

/** An "Update:" note appended to an entry with its own time. */
export function buildUpdate(blog: Blog, entryId: string, text: string, createdAt = now()): EventTemplate {
  return {
    kind: REVISION_KIND,
    created_at: createdAt,
    tags: [
      ['e', entryId],
      ['a', blog.coordinate],
      ['revision', 'update'],
    ],
    content: text,
  };
}

/** NIP-09 deletion of an entry and its revisions (only the author's own events are removed by relays). */
export function buildEntryDeletion(ids: string[], createdAt = now()): EventTemplate {
  return {
    kind: DELETION_KIND,
    created_at: createdAt,
    tags: [...ids.map((id) => ['e', id]), ['k', String(ENTRY_KIND)], ['k', String(REVISION_KIND)]],
    content: 'entry removed',
  };
}

/** A reader comment (NIP-53 live chat message), kept apart from entries. */
export function buildComment(blog: Blog, text: string, createdAt = now()): EventTemplate {
  return { kind: COMMENT_KIND, created_at: createdAt, tags: [['a', blog.coordinate]], content: text };
}

/**
 * Ends the day's blog and starts the next: returns the old blog re-issued as ended with a `next`
 * link, and the new blog with a `previous` link, so each page links to the other.
 */
export function buildNextDay(
  blog: Blog,
  next: Omit<BlogInput, 'previous'>,
  createdAt = now(),
): { ended: EventTemplate; started: EventTemplate } {
  const nextCoordinate = blogCoordinate(blog.pubkey, next.d);
  const ended = {
    ...blog.event,
    created_at: Math.max(createdAt, blog.event.created_at + 1),
    tags: [
      ...blog.event.tags.filter((t) => !['status', 'ends'].includes(t[0]!) && !(t[0] === 'a' && t[3] === 'next')),
      ['status', 'ended'],
      ['ends', String(createdAt)],
      ['a', nextCoordinate, '', 'next'],
    ],
  };
  const started = buildBlog(
    {
      timeZone: blog.timeZone,
      lang: blog.lang,
      editors: [...blog.editors].filter((p) => p !== blog.pubkey),
      ...next,
      previous: blog.coordinate,
    },
    createdAt,
  );
  return {
    ended: { kind: ended.kind, created_at: ended.created_at, tags: ended.tags, content: ended.content },
    started,
  };
}
