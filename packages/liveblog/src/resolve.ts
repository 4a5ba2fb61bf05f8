import type { Blog } from './blog.js';
import { readFields, type EntryFields } from './entry.js';
import { COMMENT_KIND, ENTRY_KIND, REVISION_KIND } from './kinds.js';
import type { SignedEvent } from './types.js';

/** One step in an entry's history. */
export interface HistoryItem {
  id: string;
  time: number;
  author: string;
  type: 'posted' | 'edit' | 'correction' | 'update';
}

/** An entry as readers see it: the latest state, with updates, corrections and history kept. */
export interface ResolvedEntry extends EntryFields {
  id: string;
  author: string;
  /** When the entry was first posted (its own time). */
  time: number;
  /** Time of the latest edit or correction, if any. */
  modified?: number;
  updates: Array<{ id: string; time: number; text: string }>;
  corrections: Array<{ id: string; time: number; note: string }>;
  history: HistoryItem[];
}

/** A reader comment, kept apart from entries. */
export interface Comment {
  id: string;
  author: string;
  time: number;
  text: string;
}

const newestFirst = (a: { time: number; id: string }, b: { time: number; id: string }) =>
  b.time - a.time || (a.id < b.id ? -1 : 1);

/**
 * Turns a blog's raw events into what readers see. Only entries and revisions by the blog's
 * editors count; the newest edit or correction (ties: lowest id, as NIP-01) sets the fields;
 * updates are appended oldest first; everything else is comments or ignored.
 */
export function resolveEntries(blog: Blog, events: SignedEvent[]): { entries: ResolvedEntry[]; comments: Comment[] } {
  const refersToBlog = (e: SignedEvent) => e.tags.some((t) => t[0] === 'a' && t[1] === blog.coordinate);
  const entries = new Map<string, ResolvedEntry>();
  const revisions: SignedEvent[] = [];
  const comments: Comment[] = [];
  for (const e of events) {
    if (!refersToBlog(e)) continue;
    if (e.kind === COMMENT_KIND) comments.push({ id: e.id, author: e.pubkey, time: e.created_at, text: e.content });
    else if (!blog.editors.has(e.pubkey)) continue;
    else if (e.kind === ENTRY_KIND && !entries.has(e.id)) {
      entries.set(e.id, {
        ...readFields(e),
        id: e.id,
        author: e.pubkey,
        time: e.created_at,
        updates: [],
        corrections: [],
        history: [{ id: e.id, time: e.created_at, author: e.pubkey, type: 'posted' }],
      });
    } else if (e.kind === REVISION_KIND) revisions.push(e);
  }
  revisions.sort((a, b) => a.created_at - b.created_at || (a.id < b.id ? 1 : -1));
  for (const r of revisions) {
    const target = entries.get(r.tags.find((t) => t[0] === 'e')?.[1] ?? '');
    if (!target) continue;
    const type = r.tags.find((t) => t[0] === 'revision')?.[1];
    if (type === 'update') {
      if (r.content.trim()) target.updates.push({ id: r.id, time: r.created_at, text: r.content });
    } else if (type === 'edit' || type === 'correction') {
      Object.assign(target, readFields(r), { modified: r.created_at });
      const note = r.tags.find((t) => t[0] === 'note')?.[1]?.trim();
      if (type === 'correction' && note) target.corrections.push({ id: r.id, time: r.created_at, note });
    } else continue;
    target.history.push({ id: r.id, time: r.created_at, author: r.pubkey, type });
  }
  return { entries: [...entries.values()].sort(newestFirst), comments: comments.sort(newestFirst) };
}

/** When the blog last changed: its newest event of any kind counted here. */
export function lastModified(blog: Blog, entries: ResolvedEntry[], comments: Comment[]): number {
  let t = blog.event.created_at;
  for (const e of entries) for (const h of e.history) t = Math.max(t, h.time);
  for (const u of entries.flatMap((e) => e.updates)) t = Math.max(t, u.time);
  for (const c of comments) t = Math.max(t, c.time);
  return t;
}
