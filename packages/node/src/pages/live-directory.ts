import { ENTRY_KIND, LIVE_EVENT_KIND, blogPath, esc, parseBlog, type Blog } from '@lifeline/liveblog';
import type { EventStore } from '@lifeline/store';
import type { PageContext } from './render.js';

/** How many blogs a directory page lists. */
const MAX_BLOGS = 100;

/** A blog with the time of its last change: its own event or its newest entry, whichever is later. */
export interface ListedBlog {
  blog: Blog;
  updated: number;
}

/** The node's live-blogs (of one curator when `pubkey` is given), the most recently updated first. */
export async function listBlogs(store: EventStore, pubkey?: string): Promise<ListedBlog[]> {
  const filter = { kinds: [LIVE_EVENT_KIND], limit: MAX_BLOGS, ...(pubkey ? { authors: [pubkey] } : {}) };
  const blogs = (await store.query([filter], { maxLimit: MAX_BLOGS })).map((s) => parseBlog(s.event));
  // One indexed, limit-1 read per blog: the newest entry naming its coordinate.
  const listed = await Promise.all(
    blogs.map(async (blog) => {
      const [entry] = await store.query([{ kinds: [ENTRY_KIND], '#a': [blog.coordinate], limit: 1 }], { maxLimit: 1 });
      return { blog, updated: Math.max(blog.event.created_at, entry?.event.created_at ?? 0) };
    }),
  );
  return listed.sort((a, b) => b.updated - a.updated);
}

/** The directory as HTML: status, title, summary, last update, each linking to its reader page. */
export function directoryHtml(
  blogs: readonly ListedBlog[],
  ctx: PageContext,
  // The reader pages take no ?lang, so the node links them as they are; the exporter makes them relative.
  href: (path: string) => string = (p) => p,
): string {
  if (blogs.length === 0) return `<p>${esc(ctx.s.nothing)}</p>`;
  const items = blogs.map(({ blog, updated }) => {
    const status = blog.status === 'ended' ? ctx.s.ended : blog.status === 'planned' ? ctx.s.planned : ctx.s.live;
    const when = new Date(updated * 1000).toISOString();
    return (
      `<article class="blog ${blog.status}"><div class="meta"><strong>${esc(status)}</strong> · ` +
      `${esc(ctx.s.updated)} <time datetime="${when}">${when.replace('T', ' ').slice(0, 16)}</time></div>` +
      `<h2 dir="auto"><a href="${esc(href(blogPath(blog.pubkey, blog.d)))}"><bdi>${esc(blog.title)}</bdi></a></h2>` +
      (blog.summary ? `<p dir="auto">${esc(blog.summary)}</p>` : '') +
      '</article>'
    );
  });
  return items.join('');
}
