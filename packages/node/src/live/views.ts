import type { NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import {
  COMMENT_KIND,
  ENTRY_KIND,
  LIVE_EVENT_KIND,
  REVISION_KIND,
  blogCoordinate,
  lastModified,
  parseBlog,
  parseCoordinate,
  resolveEntries,
  type Blog,
  type Comment,
  type HelpfulNote,
  type ResolvedEntry,
} from '@lifeline/liveblog';
import { DELETION_KIND, METADATA_KIND, VANISH_KIND } from '@lifeline/nostr';
import { entryNotes, isStatusLabel } from './entry-notes.js';
import { namesOf } from '../pages/context.js';
import type { EntryClaims } from '../desk/entry-claims.js';

/** A blog resolved from the store, as every page and feed variant of it needs. */
export interface BlogView {
  blog: Blog;
  entries: ResolvedEntry[];
  comments: Comment[];
  /** Community notes the node rates helpful, by entry id. */
  notes: Map<string, HelpfulNote[]>;
  modified: number;
  /** Profile names of the blog's owner, entry authors and embedded posts' authors. */
  names: Map<string, string>;
  previous?: Blog;
  next?: Blog;
  /** Rendered variants (page, feeds) keyed by path + query + origin; dropped with the view. */
  rendered: Map<string, unknown>;
  /** Verification desk states of its entries, and the desk book version they were read at. */
  claims?: EntryClaims;
}

/** How many events of each kind one blog view reads. */
const LIMITS = { entries: 5000, revisions: 10000, comments: 200 };
const MAX_VIEWS = 256;

/**
 * Reads blogs through the EventStore and keeps resolved views in memory until an event that
 * touches the blog is committed (the relay's onStored hook), so a busy blog is resolved and
 * rendered once per change, not once per reader.
 */
export class LiveBlogViews {
  readonly #views = new Map<string, Promise<BlogView | undefined>>();
  /** The blog of each entry in a loaded view, so a note's status label finds the view it changes. */
  readonly #blogOfEntry = new Map<string, string>();
  /** The blogs whose pages name each person, so a new profile (kind 0) re-renders them. */
  readonly #blogsOfPerson = new Map<string, Set<string>>();

  /** `labeler`: the node's own key, whose status labels decide which notes readers see. */
  constructor(
    private readonly store: EventStore,
    private readonly labeler = '',
  ) {}

  /** The view of `30311:<pubkey>:<d>`, or undefined when no such blog is stored. */
  get(pubkey: string, d: string): Promise<BlogView | undefined> {
    const key = blogCoordinate(pubkey, d);
    let view = this.#views.get(key);
    if (!view) {
      view = this.#load(pubkey, d);
      this.#views.set(key, view);
      view.catch(() => this.#views.delete(key));
      if (this.#views.size > MAX_VIEWS) this.#views.delete(this.#views.keys().next().value!);
    }
    return view;
  }

  /** Drops views an event may change; called after the event is committed. */
  invalidate(event: NostrEvent): void {
    if (event.kind === DELETION_KIND || event.kind === VANISH_KIND) {
      // Deletions and vanishes may remove entries of any blog; they are rare, so start afresh.
      this.#views.clear();
      return;
    }
    if (isStatusLabel(event, this.labeler)) {
      for (const t of event.tags) if (t[0] === 'E' && t[1]) this.#drop(this.#blogOfEntry.get(t[1]));
      return;
    }
    if (event.kind === METADATA_KIND) {
      for (const coordinate of this.#blogsOfPerson.get(event.pubkey) ?? []) this.#views.delete(coordinate);
      return;
    }
    if (event.kind === LIVE_EVENT_KIND) {
      const d = event.tags.find((t) => t[0] === 'd')?.[1] ?? '';
      this.#views.delete(blogCoordinate(event.pubkey, d));
      // A linked day shows this blog's title and date too.
      for (const t of event.tags) if (t[0] === 'a' && t[1]) this.#views.delete(t[1]);
      return;
    }
    if (event.kind !== ENTRY_KIND && event.kind !== REVISION_KIND && event.kind !== COMMENT_KIND) return;
    for (const t of event.tags) if (t[0] === 'a' && t[1]) this.#views.delete(t[1]);
  }

  #drop(coordinate: string | undefined): void {
    if (coordinate) this.#views.delete(coordinate);
  }

  async #blog(pubkey: string, d: string): Promise<Blog | undefined> {
    const [found] = await this.store.query([{ kinds: [LIVE_EVENT_KIND], authors: [pubkey], '#d': [d], limit: 1 }], {
      maxLimit: 1,
    });
    return found ? parseBlog(found.event) : undefined;
  }

  async #load(pubkey: string, d: string): Promise<BlogView | undefined> {
    const blog = await this.#blog(pubkey, d);
    if (!blog) return undefined;
    const a = [blog.coordinate];
    const stored = await this.store.query(
      [
        { kinds: [ENTRY_KIND], '#a': a, limit: LIMITS.entries },
        { kinds: [REVISION_KIND], '#a': a, limit: LIMITS.revisions },
        { kinds: [COMMENT_KIND], '#a': a, limit: LIMITS.comments },
      ],
      { maxLimit: LIMITS.revisions },
    );
    const { entries, comments } = resolveEntries(
      blog,
      stored.map((s) => s.event),
    );
    const linked = async (coordinate: string | undefined) => {
      const c = coordinate ? parseCoordinate(coordinate) : undefined;
      return c ? this.#blog(c.pubkey, c.d) : undefined;
    };
    const people = new Set([blog.pubkey]);
    for (const e of entries) {
      people.add(e.author);
      for (const m of e.embeds) if (m.status === 'verified') people.add(m.event.pubkey);
    }
    for (const pk of people) {
      let blogs = this.#blogsOfPerson.get(pk);
      if (!blogs) this.#blogsOfPerson.set(pk, (blogs = new Set()));
      blogs.add(blog.coordinate);
    }
    if (this.#blogsOfPerson.size > 200_000) this.#blogsOfPerson.clear();
    const [previous, next, notes, names] = await Promise.all([
      linked(blog.previous),
      linked(blog.next),
      entryNotes(
        this.store,
        entries.map((e) => e.id),
        this.labeler,
      ),
      namesOf(this.store, people),
    ]);
    for (const e of entries) this.#blogOfEntry.set(e.id, blog.coordinate);
    if (this.#blogOfEntry.size > 200_000) this.#blogOfEntry.clear();
    return {
      blog,
      entries,
      comments,
      notes,
      modified: lastModified(blog, entries, comments),
      names,
      ...(previous ? { previous } : {}),
      ...(next ? { next } : {}),
      rendered: new Map(),
    };
  }
}
