import { newestPerAddress, pickNewestReplaceable, type SignedEvent } from '@lifeline/client';
import {
  ENTRY_KIND,
  LIVE_EVENT_KIND,
  REVISION_KIND,
  parseBlog,
  resolveEntries,
  type Blog,
  type ResolvedEntry,
} from '@lifeline/liveblog';
import { pool } from './relays.js';
import { me } from './session.js';
import { createStore } from './store.js';

/** A post the user chose to embed in their next live-blog entry (set from the timeline). */
export const pendingEmbed = createStore<SignedEvent | null>(null);

/** The coordinate of the blog just created here: its editor opens with the headline field focused. */
export const justCreated = createStore('');

/** Live-blogs the user can edit: their own and those naming them as an editor. */
export async function myBlogs(): Promise<Blog[]> {
  const events = await pool.query(
    [
      { kinds: [LIVE_EVENT_KIND], authors: [me()] },
      { kinds: [LIVE_EVENT_KIND], '#p': [me()] },
    ],
    { timeoutMs: 6000 },
  );
  return newestPerAddress(events)
    .map((e) => parseBlog(e))
    .filter((b) => b.editors.has(me()))
    .sort((a, b) => b.event.created_at - a.event.created_at);
}

/** One blog with its resolved entries, read from the relays. */
export async function loadBlog(
  pubkey: string,
  d: string,
): Promise<{ blog: Blog; entries: ResolvedEntry[]; revisions: SignedEvent[] } | undefined> {
  const blogEvent = pickNewestReplaceable(
    await pool.query([{ kinds: [LIVE_EVENT_KIND], authors: [pubkey], '#d': [d] }], { timeoutMs: 6000 }),
  );
  if (!blogEvent) return undefined;
  const blog = parseBlog(blogEvent);
  const events = await pool.query([{ kinds: [ENTRY_KIND, REVISION_KIND], '#a': [blog.coordinate], limit: 1000 }], {
    timeoutMs: 6000,
  });
  return {
    blog,
    entries: resolveEntries(blog, events).entries,
    revisions: events.filter((e) => e.kind === REVISION_KIND),
  };
}
