import type { Context, Hono } from 'hono';
import { decode, noteEncode, npubEncode, type DecodedResult } from 'nostr-tools/nip19';
import { isHex64, normalizeHashtag, type Filter, type NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import { esc } from '@lifeline/liveblog';
import { badRequest, notFound } from '../http/errors.js';
import type { EntryRef } from '../desk/entry-claims.js';
import type { EntryClaim } from '@lifeline/liveblog';
import { prepare, serveStatic, type StaticFile } from '../http/static-files.js';
import { PAGE_CSS_HASH, layout, postHtml, profileName, type PageContext, type PageMeta } from './render.js';
import { pageStrings, pickLang } from './strings.js';
import { namesOf, pageContext } from './context.js';
import { directoryHtml, listBlogs } from './live-directory.js';
import { atomFeed } from './atom.js';
import { PageCache, depsOfEvents, type PageDep } from './cache.js';

/** Nothing runs on these pages; the inline sheet is allowed by its hash, images are never loaded. */
const HEADERS: Record<string, string> = {
  'content-security-policy': `default-src 'none'; style-src ${PAGE_CSS_HASH}; img-src 'none'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
  vary: 'accept-encoding, accept-language',
};

const PAGE_SIZE = 30;
/** Rendered pages kept: 16 MiB (a page with its brotli and gzip forms is 20-60 KB: several hundred pages). */
const CACHE_BYTES = 16 * 1024 * 1024;
/** Longest a cached page is served; what changes pages without a stored event (expiry, operator removals) shows after this. */
const CACHE_TTL_MS = 60_000;

/** A rendered page or feed and the events it shows (their authors and ids are what it depends on). */
interface Rendered {
  file: StaticFile;
  events: readonly NostrEvent[];
}

/** What the pages need from the node. */
export interface PagesDeps {
  store: EventStore;
  /** Whom an account imitates, by the node's impostor index (desk-signals); shown beside its name. */
  impostorOf?: (pubkey: string) => string | undefined;
  /** The default desk's claim states of posts (desk/entry-claims.ts); shown under each post. */
  claims?: (posts: readonly EntryRef[], lang: string) => { states: ReadonlyMap<string, EntryClaim> };
  /** A number that changes whenever the claims do; part of the cache key. */
  claimsVersion?: () => number;
  /**
   * Calls the listener after each event the node commits (relay.onStored; on PostgreSQL also
   * those other processes commit). With it, rendered pages are cached and dropped when an event
   * touching them is stored; without it, every request renders.
   */
  onStored?: (listener: (event: NostrEvent) => void) => () => void;
}

/** The hex id an `/e/` address names: note1…, nevent1… or 64 hex digits. */
export function eventIdOf(address: string): string | undefined {
  if (isHex64(address)) return address;
  try {
    const d: DecodedResult = decode(address as string);
    if (d.type === 'note') return d.data;
    if (d.type === 'nevent') return d.data.id;
  } catch {
    // not bech32
  }
  return undefined;
}

function pubkeyOf(address: string): string | undefined {
  if (isHex64(address)) return address;
  try {
    const d: DecodedResult = decode(address as string);
    if (d.type === 'npub') return d.data;
    if (d.type === 'nprofile') return d.data.pubkey;
  } catch {
    // not bech32
  }
  return undefined;
}

function beforeOf(c: Context): number | undefined {
  const raw = c.req.query('before');
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n <= 0) throw badRequest('before must be a unix time in seconds');
  return n;
}

/**
 * Public pages without JavaScript: /timeline, /p/<npub>, /e/<id>, /t/<tag> and /search?q=,
 * rendered from the store, in English or Persian (Accept-Language, ?lang=), revalidated by ETag.
 */
export function pagesRoutes(deps: PagesDeps) {
  const names = (pubkeys: Iterable<string>) => namesOf(deps.store, pubkeys);

  const contextFor = (c: Context, events: readonly NostrEvent[]): Promise<PageContext> => {
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    const explicit = c.req.query('lang') !== undefined;
    return pageContext(deps, events, lang, (path) =>
      explicit ? `${path}${path.includes('?') ? '&' : '?'}lang=${lang}` : path,
    );
  };

  const cache = deps.onStored ? new PageCache(CACHE_BYTES, CACHE_TTL_MS) : undefined;
  deps.onStored?.((event) => cache!.invalidate(event));

  /**
   * Serves the page from the cache, or renders and keeps it. The key is everything the HTML
   * depends on besides the store: language, the claims' version, origin, path and query.
   */
  const cached = async (c: Context, topics: PageDep[], render: () => Promise<Rendered>): Promise<Response> => {
    const url = new URL(c.req.url);
    const lang = pickLang(c.req.query('lang'), c.req.header('accept-language'));
    const key = `${lang} ${deps.claimsVersion?.() ?? 0} ${url.origin}${url.pathname}${url.search}`;
    let file = cache?.get(key);
    if (!file) {
      const generation = cache?.generation ?? 0;
      const r = await render();
      file = r.file;
      cache?.set(key, file, [...topics, ...depsOfEvents(r.events)], generation);
    }
    return serveStatic(file, c.req, 'no-cache', HEADERS);
  };

  const html = (text: string, events: readonly NostrEvent[]): Rendered => ({
    file: prepare(Buffer.from(text), '.html', 4, 'text/html; charset=utf-8'),
    events,
  });

  /** A paged list of posts with an "older" link. */
  const listPage = (c: Context, topics: PageDep[], filter: Filter, meta: Omit<PageMeta, 'origin'>, intro = '') => {
    const before = beforeOf(c);
    return cached(c, topics, () => renderList(c, before, filter, meta, intro));
  };

  const renderList = async (
    c: Context,
    before: number | undefined,
    filter: Filter,
    meta: Omit<PageMeta, 'origin'>,
    intro: string,
  ): Promise<Rendered> => {
    const page: Filter = { ...filter, limit: PAGE_SIZE, ...(before ? { until: before - 1 } : {}) };
    const events = (await deps.store.query([page], { maxLimit: PAGE_SIZE })).map((s) => s.event);
    const ctx = await contextFor(c, events);
    let body = intro + (events.length ? events.map((e) => postHtml(e, ctx)).join('') : `<p>${esc(ctx.s.nothing)}</p>`);
    const last = events.at(-1);
    if (events.length === PAGE_SIZE && last) {
      const sep = meta.path.includes('?') ? '&' : '?';
      body += `<p><a rel="next" href="${esc(ctx.link(`${meta.path}${sep}before=${last.created_at}`))}">${esc(ctx.s.older)}</a></p>`;
    }
    const first = events[0]?.content.slice(0, 160) ?? '';
    return html(
      layout({ ...meta, description: meta.description || first, origin: new URL(c.req.url).origin }, body, ctx),
      events,
    );
  };

  /** The newest posts of a list page as Atom. */
  const feed = (c: Context, topics: PageDep[], filter: Filter, title: string, page: string) =>
    cached(c, topics, () => renderFeed(c, filter, title, page));

  const renderFeed = async (c: Context, filter: Filter, title: string, page: string): Promise<Rendered> => {
    const events = (await deps.store.query([{ ...filter, limit: PAGE_SIZE }], { maxLimit: PAGE_SIZE })).map(
      (s) => s.event,
    );
    const origin = new URL(c.req.url).origin;
    const xml = atomFeed(
      { title, page: origin + page, self: origin + new URL(c.req.url).pathname, origin },
      events,
      await names(events.map((e) => e.pubkey)),
    );
    return { file: prepare(Buffer.from(xml), '.xml', 4, 'application/atom+xml; charset=utf-8'), events };
  };

  const POSTS = [1, 6];
  const tagOf = (c: Context) => {
    const tag = normalizeHashtag(c.req.param('tag') ?? '');
    if (tag === '') throw badRequest('empty hashtag');
    return tag;
  };
  const profileKey = (c: Context) => {
    const pubkey = pubkeyOf(c.req.param('npub') ?? '');
    if (!pubkey) throw badRequest('the address names no valid npub');
    return pubkey;
  };

  const directory = (c: Context, pubkey?: string) =>
    cached(c, pubkey ? ['live', `pk:${pubkey}`] : ['live'], () => renderDirectory(c, pubkey));

  const renderDirectory = async (c: Context, pubkey?: string): Promise<Rendered> => {
    const blogs = await listBlogs(deps.store, pubkey);
    const ctx = await contextFor(c, []);
    const npub = pubkey ? npubEncode(pubkey) : undefined;
    const who = pubkey ? ((await names([pubkey])).get(pubkey) ?? npub!) : '';
    const meta = {
      title: pubkey ? ctx.s.blogsOf(who) : ctx.s.liveBlogs,
      description: blogs[0]?.blog.summary ?? '',
      path: npub ? `/live/${npub}` : '/live/',
      appRoute: npub ? `#/p/${npub}` : '#/live',
      origin: new URL(c.req.url).origin,
    };
    return html(layout(meta, directoryHtml(blogs, ctx), ctx), []);
  };

  return (app: Hono) => {
    app.get('/live', (c) => c.redirect('/live/', 301));
    app.get('/live/', (c) => directory(c));
    app.get('/live/:npub', (c) => {
      const pubkey = pubkeyOf(c.req.param('npub'));
      if (!pubkey) throw badRequest('the address names no valid npub');
      return directory(c, pubkey);
    });
    app.get('/timeline', (c) =>
      listPage(
        c,
        ['timeline'],
        { kinds: POSTS },
        {
          title: pageStrings(pickLang(c.req.query('lang'), c.req.header('accept-language'))).timeline,
          description: '',
          path: '/timeline',
          appRoute: '#/everyone',
          feed: '/timeline/feed.atom',
        },
      ),
    );
    app.get('/timeline/feed.atom', (c) => feed(c, ['timeline'], { kinds: POSTS }, 'Lifeline', '/timeline'));
    app.get('/t/:tag/feed.atom', (c) => {
      const tag = tagOf(c);
      return feed(c, [`t:${tag}`], { kinds: [1], '#t': [tag] }, `#${tag}`, `/t/${encodeURIComponent(tag)}`);
    });
    app.get('/p/:npub/feed.atom', (c) => {
      const pubkey = profileKey(c);
      return cached(c, [`pk:${pubkey}`], async () => {
        const [profile] = await deps.store.query([{ kinds: [0], authors: [pubkey] }], { maxLimit: 1 });
        const title = (profile && profileName(profile.event)) ?? npubEncode(pubkey);
        return renderFeed(c, { kinds: POSTS, authors: [pubkey] }, title, `/p/${npubEncode(pubkey)}`);
      });
    });
    app.get('/t/:tag', (c) => {
      const tag = tagOf(c);
      const path = `/t/${encodeURIComponent(tag)}`;
      return listPage(
        c,
        [`t:${tag}`],
        { kinds: [1], '#t': [tag] },
        {
          title: `#${tag}`,
          description: '',
          path,
          appRoute: `#/t/${encodeURIComponent(tag)}`,
          feed: `${path}/feed.atom`,
        },
      );
    });
    app.get('/search', (c) => {
      const q = (c.req.query('q') ?? '').trim().slice(0, 200);
      const s = pageStrings(pickLang(c.req.query('lang'), c.req.header('accept-language')));
      if (q === '')
        return listPage(
          c,
          [],
          { ids: [] },
          { title: s.search, description: '', path: '/search', appRoute: '#/search' },
        );
      const path = `/search?q=${encodeURIComponent(q)}`;
      return listPage(
        c,
        ['search'],
        { kinds: [1], search: q },
        { title: s.searchFor(q), description: '', path, appRoute: `#/search?q=${encodeURIComponent(q)}` },
      );
    });
    app.get('/p/:npub', (c) => {
      const pubkey = profileKey(c);
      const before = beforeOf(c);
      return cached(c, [`pk:${pubkey}`], () => renderProfile(c, pubkey, before));
    });
    const renderProfile = async (c: Context, pubkey: string, before: number | undefined): Promise<Rendered> => {
      const npub = npubEncode(pubkey);
      const [profile] = await deps.store.query([{ kinds: [0], authors: [pubkey] }], { maxLimit: 1 });
      const name = profile ? profileName(profile.event) : undefined;
      let about = '';
      try {
        const a = profile ? (JSON.parse(profile.event.content) as { about?: unknown }).about : undefined;
        if (typeof a === 'string') about = a.slice(0, 500);
      } catch {
        // no about
      }
      const intro = about ? `<p dir="auto">${esc(about)}</p>` : '';
      return renderList(
        c,
        before,
        { kinds: POSTS, authors: [pubkey] },
        {
          title: name ?? npub,
          description: about,
          path: `/p/${npub}`,
          appRoute: `#/p/${npub}`,
          feed: `/p/${npub}/feed.atom`,
        },
        intro,
      );
    };
    app.get('/e/:id', (c) => {
      const id = eventIdOf(c.req.param('id'));
      if (!id) throw badRequest('the address names no valid note1, nevent1 or hex id');
      return cached(c, [`id:${id}`], () => renderThread(c, id));
    });
    const renderThread = async (c: Context, id: string): Promise<Rendered> => {
      const [root] = await deps.store.query([{ ids: [id] }], { maxLimit: 1 });
      if (!root) throw notFound('no such post on this node');
      const replies = (await deps.store.query([{ kinds: [1], '#e': [id], limit: 200 }], { maxLimit: 200 }))
        .map((s) => s.event)
        .reverse();
      const events = [root.event, ...replies];
      const ctx = await contextFor(c, events);
      const body = events.map((e) => postHtml(e, ctx)).join('');
      const note = noteEncode(id);
      const title = `${ctx.s.thread}: ${root.event.content.slice(0, 60)}`;
      return html(
        layout(
          {
            title,
            description: root.event.content.slice(0, 160),
            path: `/e/${note}`,
            appRoute: `#/thread/${note}`,
            origin: new URL(c.req.url).origin,
          },
          body,
          ctx,
        ),
        events,
      );
    };
  };
}
