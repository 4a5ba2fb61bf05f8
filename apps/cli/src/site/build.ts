import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { noteEncode, npubEncode } from 'nostr-tools/nip19';
import {
  COMMENT_KIND,
  ENTRY_KIND,
  LIVE_ASSETS,
  LIVE_CSS,
  REVISION_KIND,
  atomFeed,
  blogPath,
  entryPath,
  esc,
  jsonFeed,
  renderPage,
} from '@lifeline/liveblog';
import {
  LiveBlogViews,
  directoryHtml,
  layout,
  pageContext,
  postHtml,
  postsAtomFeed,
  profileName,
  type BlogView,
  type ListedBlog,
} from '@lifeline/node';
import { normalizeHashtag, type Filter, type NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import { SitePaths, fileSegment, relativeHref } from './paths.js';
import type { SiteWriter } from './writer.js';

/** What to export: blogs by coordinate, accounts, hashtags, and the oldest time shown. */
export interface SiteSelection {
  blogs: Array<{ pubkey: string; d: string }>;
  profiles: string[];
  tags: string[];
  since?: number;
  lang: 'en' | 'fa';
  /** Where the copy will be published (feeds need absolute links); '' when unknown. */
  baseUrl: string;
}

/** Where the exporter reads from. */
export interface SiteSources {
  store: EventStore;
  /** The node's Blossom store directory (holding blobs/<sha256>). */
  mediaDir: string;
  /** The bundled verifier script (the web build's site-verify.js). */
  verifier: Uint8Array;
}

/** One page to write: its file, the signed events it shows, and how to render it with a link maker. */
interface PlannedPage {
  file: string;
  events: NostrEvent[];
  render: (link: (route: string) => string, tail: string) => Promise<string> | string;
}

const POSTS = [1, 6];
const MAX_POSTS = 2000;
const VERIFY_ROUTE = '/verify.html';
const VERIFIER_ROUTE = '/site/verify.js';
const HEX64 = /[0-9a-f]{64}/g;
/** Where a page's signed events go, filled in after the page's own links are final. */
const TAIL = '<!--lifeline-events-->';

/** Counts of what an export did. */
export interface SiteReport {
  pages: number;
  events: number;
  media: number;
  written: number;
  unchanged: number;
  removed: number;
}

/**
 * Renders the selection with the node's own page renderers (live-blog pages, profile, thread and
 * hashtag pages) into `writer`, links made relative, each page carrying its signed events, plus
 * verify.html and events.js for checking them offline.
 */
export async function buildSite(
  sel: SiteSelection,
  src: SiteSources,
  writer: SiteWriter,
  onFile: (done: number, total: number) => void,
): Promise<SiteReport> {
  const paths = new SitePaths(sel.baseUrl);
  const pages: PlannedPage[] = [];
  const deps = { store: src.store };
  const query = async (filter: Filter, max = MAX_POSTS) =>
    (await src.store.query([filter], { maxLimit: max })).map((s) => s.event);
  const since = sel.since ? { since: sel.since } : {};

  paths.add('/timeline', 'index.html');
  paths.add('/live/', 'index.html');
  paths.add(LIVE_ASSETS.css, 'assets/live.css');
  paths.add(VERIFIER_ROUTE, 'assets/site-verify.js');
  paths.add(VERIFY_ROUTE, 'verify.html');

  // Live-blogs: named ones and those of each exported account.
  const blogKeys = new Map(sel.blogs.map((b) => [`${b.pubkey}:${b.d}`, b]));
  for (const pubkey of sel.profiles)
    for (const e of await query({ kinds: [30311], authors: [pubkey], limit: 200 }, 200)) {
      const d = e.tags.find((t) => t[0] === 'd')?.[1] ?? '';
      blogKeys.set(`${pubkey}:${d}`, { pubkey, d });
    }
  const views = new LiveBlogViews(src.store);
  const listed: ListedBlog[] = [];
  for (const { pubkey, d } of blogKeys.values()) {
    const view = await views.get(pubkey, d);
    if (!view) throw new Error(`no live-blog ${npubEncode(pubkey)}/${d} on this node`);
    if (sel.since && view.modified < sel.since) continue;
    listed.push({ blog: view.blog, updated: view.modified });
    planBlog(
      view,
      sel,
      paths,
      pages,
      await query(
        { kinds: [ENTRY_KIND, REVISION_KIND, COMMENT_KIND], '#a': [view.blog.coordinate], limit: 20000 },
        20000,
      ),
    );
  }

  // Accounts and hashtags, with a thread page for each post shown.
  const threadRoots = new Map<string, NostrEvent>();
  for (const pubkey of sel.profiles) {
    const npub = npubEncode(pubkey);
    const posts = await query({ kinds: POSTS, authors: [pubkey], limit: MAX_POSTS, ...since });
    const [profile] = await query({ kinds: [0], authors: [pubkey], limit: 1 }, 1);
    for (const p of posts) threadRoots.set(p.id, p);
    const route = `/p/${npub}`;
    const file = paths.add(route, `p/${npub}.html`);
    if (sel.baseUrl)
      pages.push(
        postsFeed(
          paths,
          `${route}/feed.atom`,
          `p/${npub}/feed.atom`,
          posts,
          sel,
          deps,
          profile ? (profileName(profile) ?? npub) : npub,
          route,
        ),
      );
    pages.push({
      file,
      events: profile ? [profile, ...posts] : posts,
      render: async (link, tail) => {
        const ctx = await pageContext(deps, posts, sel.lang, link);
        const title = (profile && profileName(profile)) ?? npub;
        const about = aboutOf(profile);
        const body = (about ? `<p dir="auto">${esc(about)}</p>` : '') + listHtml(posts, ctx);
        return layout(
          {
            title,
            description: about,
            path: route,
            appRoute: `#/p/${npub}`,
            ...offline(sel, `#/p/${npub}`, tail),
            ...(sel.baseUrl ? { feed: `${route}/feed.atom` } : {}),
          },
          body,
          ctx,
        );
      },
    });
  }
  for (const raw of sel.tags) {
    const tag = normalizeHashtag(raw);
    if (!tag) throw new Error(`empty hashtag "${raw}"`);
    const posts = await query({ kinds: [1], '#t': [tag], limit: MAX_POSTS, ...since });
    for (const p of posts) threadRoots.set(p.id, p);
    const route = `/t/${encodeURIComponent(tag)}`;
    const file = paths.add(route, `t/${fileSegment(tag)}.html`);
    if (sel.baseUrl)
      pages.push(
        postsFeed(paths, `${route}/feed.atom`, `t/${fileSegment(tag)}/feed.atom`, posts, sel, deps, `#${tag}`, route),
      );
    pages.push({
      file,
      events: posts,
      render: async (link, tail) => {
        const ctx = await pageContext(deps, posts, sel.lang, link);
        return layout(
          {
            title: `#${tag}`,
            description: posts[0]?.content.slice(0, 160) ?? '',
            path: route,
            appRoute: `#/t/${encodeURIComponent(tag)}`,
            ...offline(sel, `#/t/${encodeURIComponent(tag)}`, tail),
            ...(sel.baseUrl ? { feed: `${route}/feed.atom` } : {}),
          },
          body(posts, ctx),
          ctx,
        );
      },
    });
  }
  for (const root of threadRoots.values()) {
    const note = noteEncode(root.id);
    const file = paths.add(`/e/${note}`, `e/${note}.html`);
    const replies = (await query({ kinds: [1], '#e': [root.id], limit: 200 }, 200)).reverse();
    const events = [root, ...replies];
    pages.push({
      file,
      events,
      render: async (link, tail) => {
        const ctx = await pageContext(deps, events, sel.lang, link);
        return layout(
          {
            title: `${ctx.s.thread}: ${root.content.slice(0, 60)}`,
            description: root.content.slice(0, 160),
            path: `/e/${note}`,
            appRoute: `#/thread/${note}`,
            ...offline(sel, `#/thread/${note}`, tail),
          },
          events.map((e) => postHtml(e, ctx)).join(''),
          ctx,
        );
      },
    });
  }

  // The front page: the exported blogs, accounts and hashtags.
  pages.push({
    file: 'index.html',
    events: [],
    render: async (link, tail) => {
      const ctx = await pageContext(deps, [], sel.lang, link);
      const names = await pageContext(
        deps,
        sel.profiles.map((pubkey) => ({ pubkey, kind: 0 }) as NostrEvent),
        sel.lang,
        link,
      );
      const people = sel.profiles
        .map(
          (pk) =>
            `<li><a href="${esc(link(`/p/${npubEncode(pk)}`))}"><bdi>${esc(names.names.get(pk) ?? npubEncode(pk))}</bdi></a></li>`,
        )
        .join('');
      const tags = sel.tags
        .map((t) => normalizeHashtag(t))
        .map((t) => `<li><a href="${esc(link(`/t/${encodeURIComponent(t)}`))}" dir="auto">#${esc(t)}</a></li>`)
        .join('');
      const body =
        (listed.length
          ? directoryHtml(
              listed.sort((a, b) => b.updated - a.updated),
              ctx,
              link,
            )
          : '') +
        (people ? `<ul>${people}</ul>` : '') +
        (tags ? `<ul>${tags}</ul>` : '') +
        `<p><a href="${esc(link(VERIFY_ROUTE))}">Verify signatures / بررسی امضاها</a></p>`;
      return layout(
        { title: 'Lifeline', description: '', path: '/', appRoute: '#/', ...offline(sel, '#/', tail) },
        body,
        ctx,
      );
    },
  });

  // Media the exported events name and the node's Blossom store holds.
  const media = new Map<string, string>();
  for (const page of pages)
    for (const e of page.events)
      for (const sha of JSON.stringify([e.content, e.tags]).match(HEX64) ?? [])
        if (!media.has(sha) && (await isFile(join(src.mediaDir, 'blobs', sha)))) media.set(sha, `media/${sha}`);

  const total = pages.length + media.size + 4;
  let done = 0;
  const tick = () => onFile(++done, total);
  const siteEvents: Array<{ page: string; events: NostrEvent[] }> = [];
  for (const page of pages) {
    const link = paths.linker(page.file);
    let html = await page.render(link, TAIL);
    if (page.file.endsWith('.html')) {
      // Media links are rewritten before the events go in: a signed event's bytes are never touched.
      html = localMedia(html, media, page.file).replace(TAIL, () => eventsTail(page.events, link));
      if (page.events.length) siteEvents.push({ page: page.file, events: page.events });
    }
    await writer.write(page.file, html);
    tick();
  }
  for (const [sha, file] of media) {
    await mkdir(join(writer.root, 'media'), { recursive: true });
    await writer.copy(join(src.mediaDir, 'blobs', sha), file);
    tick();
  }
  await writer.write('assets/live.css', LIVE_CSS);
  tick();
  await writer.write('assets/site-verify.js', src.verifier);
  tick();
  await writer.write('events.js', `window.LIFELINE_SITE_EVENTS=${scriptJson(siteEvents)};\n`);
  tick();
  await writer.write('verify.html', verifyHtml());
  tick();
  await writer.finish();
  return {
    pages: pages.length,
    events: siteEvents.reduce((n, p) => n + p.events.length, 0),
    media: media.size,
    written: writer.written,
    unchanged: writer.unchanged,
    removed: writer.removed,
  };
}

function planBlog(
  view: BlogView,
  sel: SiteSelection,
  paths: SitePaths,
  pages: PlannedPage[],
  stored: NostrEvent[],
): void {
  const { blog } = view;
  const dir = `live/${npubEncode(blog.pubkey)}/${fileSegment(blog.d)}`;
  const base = blogPath(blog.pubkey, blog.d);
  const file = paths.add(base, `${dir}/index.html`);
  const input = { ...view, claims: undefined, origin: sel.baseUrl, pageSize: 100_000, script: VERIFIER_ROUTE };
  pages.push({
    file,
    events: [blog.event, ...stored],
    render: (link, tail) => renderPage({ ...input, href: link, tail }),
  });
  for (const entry of view.entries) {
    const entryFile = paths.add(entryPath(blog.pubkey, blog.d, entry.id), `${dir}/entry/${entry.id}.html`);
    const own = stored.filter(
      (e) => e.id === entry.id || (e.kind === REVISION_KIND && e.tags.some((t) => t[0] === 'e' && t[1] === entry.id)),
    );
    pages.push({
      file: entryFile,
      events: [blog.event, ...own],
      render: (link, tail) => renderPage({ ...input, only: entry.id, href: link, tail }),
    });
  }
  if (sel.baseUrl) {
    paths.add(`${base}/feed.atom`, `${dir}/feed.atom`);
    paths.add(`${base}/feed.json`, `${dir}/feed.json`);
    const recent = view.entries.slice(0, 50);
    pages.push({
      file: `${dir}/feed.atom`,
      events: [],
      render: () => atomFeed(blog, recent, sel.baseUrl, view.modified),
    });
    pages.push({
      file: `${dir}/feed.json`,
      events: [],
      render: () => JSON.stringify(jsonFeed(blog, recent, sel.baseUrl)),
    });
  }
}

function postsFeed(
  paths: SitePaths,
  route: string,
  file: string,
  posts: NostrEvent[],
  sel: SiteSelection,
  deps: { store: EventStore },
  title: string,
  page: string,
): PlannedPage {
  paths.add(route, file);
  return {
    file,
    events: [],
    render: async () => {
      const ctx = await pageContext(deps, posts, sel.lang, (p) => p);
      return postsAtomFeed(
        { title, page: sel.baseUrl + page, self: sel.baseUrl + route, origin: sel.baseUrl },
        posts.slice(0, 50),
        ctx.names,
      );
    },
  };
}

function offline(sel: SiteSelection, appRoute: string, tail: string) {
  return { offline: true, appHref: sel.baseUrl ? `${sel.baseUrl}/${appRoute}` : '', origin: sel.baseUrl, tail };
}

function body(posts: NostrEvent[], ctx: Awaited<ReturnType<typeof pageContext>>): string {
  return listHtml(posts, ctx);
}

function listHtml(posts: NostrEvent[], ctx: Awaited<ReturnType<typeof pageContext>>): string {
  return posts.length ? posts.map((e) => postHtml(e, ctx)).join('') : `<p>${esc(ctx.s.nothing)}</p>`;
}

function aboutOf(profile: NostrEvent | undefined): string {
  try {
    const a = profile ? (JSON.parse(profile.content) as { about?: unknown }).about : undefined;
    return typeof a === 'string' ? a.slice(0, 500) : '';
  } catch {
    return '';
  }
}

/** JSON safe inside a <script> element: no `</script>` or comment openers can close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** The page's signed events, the verifier that checks them in place, and the link to verify.html. */
function eventsTail(events: NostrEvent[], link: (route: string) => string): string {
  if (events.length === 0) return '';
  return (
    `<script type="application/nostr+json" id="lifeline-events">${scriptJson(events)}</script>` +
    `<p class="verify"><a href="${esc(link(VERIFY_ROUTE))}">Verify signatures / بررسی امضاها</a></p>` +
    `<script src="${esc(link(VERIFIER_ROUTE))}" defer></script>`
  );
}

/** Points links to media this copy holds at the copied file. */
function localMedia(html: string, media: ReadonlyMap<string, string>, from: string): string {
  if (media.size === 0) return html;
  return html.replace(
    /https?:\/\/[^\s"'<>]+?\/([0-9a-f]{64})(\.[A-Za-z0-9]{1,16})?(?=["'\s<)])/g,
    (url, sha: string) => {
      const file = media.get(sha);
      return file ? relativeHref(from, file) : url;
    },
  );
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

function verifyHtml(): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Verify this copy — Lifeline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}body[data-verify=failed] #lifeline-verify{color:#a00;font-weight:bold}</style>
</head>
<body>
<h1>Verify this copy</h1>
<p>Every page of this folder carries the signed Nostr events it shows. This page checks each signature in your browser, without the network. A copy altered by its host fails here.</p>
<p dir="rtl" lang="fa">هر صفحه رویدادهای امضاشده‌ای را که نشان می‌دهد همراه دارد. این صفحه امضاها را در مرورگر شما و بدون اینترنت بررسی می‌کند.</p>
<p id="lifeline-verify" role="status">Checking… (needs JavaScript)</p>
<p><a href="index.html">Home</a></p>
<script src="events.js"></script>
<script src="assets/site-verify.js"></script>
</body>
</html>
`;
}
