import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Hono } from 'hono';
import { decode } from 'nostr-tools/nip19';
import { LIVE_CSS, LIVE_ASSETS, atomFeed, jsonFeed, renderPage } from '@lifeline/liveblog';
import type { EventStore } from '@lifeline/store';
import { badRequest, notFound } from '../http/errors.js';
import { LiveBlogViews, type BlogView } from './views.js';
import { prepare, serveStatic, type StaticFile } from '../http/static-files.js';
import { isHex64 } from '@lifeline/nostr';
import type { EntryClaims, EntryRef } from '../desk/entry-claims.js';

/** Reader pages may load images from https hosts and talk WebSocket to this node; nothing runs inline. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; media-src 'self' https:; connect-src 'self' ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
};

const PAGE_SIZE = 50;

/** What the live-blog routes need from the node. */
export interface LiveDeps {
  store: EventStore;
  /** Subscribes to committed events (relay.onStored). */
  onStored(listener: (event: { kind: number; pubkey: string; tags: string[][] }) => void): void;
  /** Where the built web app (with live-reader.js) lives: the `webDir` setting. */
  webDir: string;
  /** The node's own key, whose community-note labels decide which notes show under entries. */
  labeler?: string;
  /** The desk's claim states of entries (desk/entry-claims.ts); pages and feeds show them. */
  claims?: {
    version(): number;
    read(entries: readonly EntryRef[], lang: string): EntryClaims;
  };
}

function pubkeyOf(address: string): string {
  if (isHex64(address)) return address;
  const npub: string = address; // not hex: an npub, or nothing valid
  try {
    const decoded = decode(npub);
    if (decoded.type === 'npub') return decoded.data;
  } catch {
    // fall through to the error below
  }
  throw badRequest('the address names no valid npub');
}

/**
 * Server-rendered live-blogs at /live/<npub>/<d>: reader pages (?before= for older entries),
 * entry permalinks, Atom and JSON Feed, with ETag/Last-Modified revalidation. Rendered bytes are
 * cached per view and compressed once per change.
 */
export function liveRoutes(deps: LiveDeps) {
  const views = new LiveBlogViews(deps.store, deps.labeler);
  deps.onStored((event) => views.invalidate(event as Parameters<LiveBlogViews['invalidate']>[0]));
  const css = prepare(Buffer.from(LIVE_CSS), '.css');
  const readerPath = deps.webDir ? join(deps.webDir, 'live-reader.js') : '';
  const reader =
    readerPath && existsSync(readerPath)
      ? prepare(readFileSync(readerPath), '.js')
      : prepare(Buffer.from('// web app not built\n'), '.js');

  const load = async (c: Context): Promise<BlogView> => {
    const view = await views.get(pubkeyOf(c.req.param('npub')!), c.req.param('d')!);
    if (!view) throw notFound('no live-blog at this address on this node');
    // Desk labels carry no `a` tag of the blog, so claim states are re-read when the desk changed.
    if (deps.claims && view.claims?.version !== deps.claims.version()) {
      view.claims = deps.claims.read(
        view.entries.map((e) => ({
          id: e.id,
          embeds: e.embeds.flatMap((m) => (m.status === 'verified' ? [m.event.id] : [])),
        })),
        view.blog.lang,
      );
      view.rendered.clear();
    }
    return view;
  };

  /** Renders (once per view and variant) and answers with validators; 304 when the reader is current. */
  const answer = (
    c: Context,
    view: BlogView,
    variant: string,
    ext: string,
    type: string,
    render: () => string,
  ): Response => {
    const key = `${variant}|${new URL(c.req.url).origin}`;
    let file = view.rendered.get(key) as StaticFile | undefined;
    if (!file) view.rendered.set(key, (file = prepare(Buffer.from(render()), ext, 5, type)));
    const modified = Math.max(view.modified, view.claims?.changedAt ?? 0);
    const lastModified = new Date(modified * 1000).toUTCString();
    const since = c.req.header('if-modified-since');
    const headers = { ...PAGE_HEADERS, 'last-modified': lastModified };
    if (!c.req.header('if-none-match') && since && Date.parse(since) >= modified * 1000) {
      return new Response(null, { status: 304, headers: { ...headers, etag: file.etag } });
    }
    return serveStatic(file, c.req, 'no-cache', headers);
  };

  const origin = (c: Context) => new URL(c.req.url).origin;

  return (app: Hono) => {
    app.get(LIVE_ASSETS.css, (c) => serveStatic(css, c.req, 'public, max-age=3600'));
    app.get(LIVE_ASSETS.script, (c) => serveStatic(reader, c.req, 'public, max-age=3600'));
    app.get('/live/:npub/:d', async (c) => {
      const view = await load(c);
      const raw = c.req.query('before');
      const before = raw === undefined ? undefined : Number(raw);
      if (before !== undefined && !(Number.isSafeInteger(before) && before > 0))
        throw badRequest('before must be a unix time in seconds');
      return answer(c, view, `page|${before ?? ''}`, '.html', 'text/html; charset=utf-8', () =>
        renderPage({
          ...view,
          claims: view.claims?.states,
          origin: origin(c),
          pageSize: PAGE_SIZE,
          ...(before ? { before } : {}),
        }),
      );
    });
    app.get('/live/:npub/:d/entry/:id', async (c) => {
      const view = await load(c);
      const id = c.req.param('id');
      if (!view.entries.some((e) => e.id === id)) throw notFound('no such entry in this live-blog');
      return answer(c, view, `entry|${id}`, '.html', 'text/html; charset=utf-8', () =>
        renderPage({ ...view, claims: view.claims?.states, origin: origin(c), pageSize: PAGE_SIZE, only: id }),
      );
    });
    app.get('/live/:npub/:d/feed.atom', async (c) => {
      const view = await load(c);
      return answer(c, view, 'atom', '.xml', 'application/atom+xml; charset=utf-8', () =>
        atomFeed(
          view.blog,
          view.entries.slice(0, PAGE_SIZE),
          origin(c),
          Math.max(view.modified, view.claims?.changedAt ?? 0),
          view.claims?.states,
          view.names,
        ),
      );
    });
    app.get('/live/:npub/:d/feed.json', async (c) => {
      const view = await load(c);
      return answer(c, view, 'json', '.json', 'application/feed+json; charset=utf-8', () =>
        JSON.stringify(
          jsonFeed(view.blog, view.entries.slice(0, PAGE_SIZE), origin(c), view.claims?.states, view.names),
        ),
      );
    });
  };
}
