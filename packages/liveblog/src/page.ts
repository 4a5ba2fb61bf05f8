import { isRtl, type Blog } from './blog.js';
import { entryHtml, timeEl, type EntryClaim, type HelpfulNote, type Names } from './entry-html.js';
import { esc } from './html.js';
import { jsonForScript, liveBlogJsonLd } from './jsonld.js';
import { plainText } from './markdown.js';
import { blogPath, coordinatePath, entryPath } from './paths.js';
import type { Comment, ResolvedEntry } from './resolve.js';
import { stringsFor } from './strings.js';
import { iso, longDate } from './time.js';

/** Where the page's static assets are served. */
export const LIVE_ASSETS = { css: '/live/assets/live.css', script: '/live/assets/reader.js', icon: '/favicon.svg' };

/** Everything a reader page shows. */
export interface PageInput {
  blog: Blog;
  entries: ResolvedEntry[];
  comments: Comment[];
  /** Absolute origin for canonical URLs, e.g. https://node.example. */
  origin: string;
  modified: number;
  /** Entries per page. */
  pageSize: number;
  /** Show entries posted strictly before this time (older pages). */
  before?: number;
  /** The blogs of the previous and next days, when stored here. */
  previous?: Blog;
  next?: Blog;
  /** Permalink page of one entry. */
  only?: string;
  /** Community notes the node rates helpful, by entry id (shown under the entry). */
  notes?: ReadonlyMap<string, readonly HelpfulNote[]>;
  /** Verification desk states by entry id. */
  claims?: ReadonlyMap<string, EntryClaim>;
  /** Maps each node route a link points at to the href written; the static exporter makes them relative. */
  href?: (path: string) => string;
  /** The reader script's route, or null for none (a static copy has no relay to follow). */
  script?: string | null;
  /** Profile names of the people whose posts are embedded, by public key. */
  names?: Names;
  /** HTML placed just before </body> (the exporter's signed events). */
  tail?: string;
}

function statusLabel(blog: Blog): string {
  const s = stringsFor(blog.lang);
  return blog.status === 'ended' ? s.ended : blog.status === 'planned' ? s.planned : s.live;
}

function archiveNav(input: PageInput): string {
  const { blog } = input;
  const link = input.href ?? ((p: string) => p);
  const s = stringsFor(blog.lang);
  const parts: string[] = [];
  const nextPath = blog.next ? coordinatePath(blog.next) : undefined;
  if (nextPath) {
    const day = longDate(blog.starts ?? blog.event.created_at, blog.lang, blog.timeZone);
    parts.push(
      `<p class="archive">${esc(s.archiveOf(day))} <a href="${esc(link(nextPath))}">${esc(s.latestLink)}</a></p>`,
    );
  }
  const prevPath = blog.previous ? coordinatePath(blog.previous) : undefined;
  if (prevPath) {
    const prev = input.previous;
    const label = prev
      ? `${prev.title} (${longDate(prev.starts ?? prev.event.created_at, blog.lang, blog.timeZone)})`
      : blog.previous!;
    parts.push(`<p class="previous"><a href="${esc(link(prevPath))}" dir="auto">${esc(s.previousDay(label))}</a></p>`);
  }
  return parts.length ? `<nav class="days">${parts.join('')}</nav>` : '';
}

/** Renders a reader page (or one entry's permalink page) as a complete HTML document, no inline script. */
export function renderPage(input: PageInput): string {
  const { blog, entries } = input;
  const s = stringsFor(blog.lang);
  const base = blogPath(blog.pubkey, blog.d);
  const link = input.href ?? ((p: string) => p);
  const script = input.script === undefined ? LIVE_ASSETS.script : input.script;
  const pageUrl = input.origin + base;
  const shown = input.only
    ? entries.filter((e) => e.id === input.only)
    : entries.filter((e) => input.before === undefined || e.time < input.before).slice(0, input.pageSize);
  const olderExists = !input.only && shown.length > 0 && entries.some((e) => e.time < shown[shown.length - 1]!.time);
  const keyEvents = entries.filter((e) => e.keyEvent);
  const title = input.only && shown[0] ? `${shown[0].headline} — ${blog.title}` : blog.title;
  const description = input.only && shown[0] ? plainText(shown[0].body).slice(0, 300) : blog.summary;
  const canonical = input.only ? input.origin + entryPath(blog.pubkey, blog.d, input.only) : pageUrl;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${esc(title)}</title>`,
    `<meta name="description" content="${esc(description)}">`,
    // A static copy whose address is unknown (origin '') has no canonical URL to name.
    input.origin ? `<link rel="canonical" href="${esc(canonical)}">` : '',
    `<meta property="og:type" content="article">`,
    `<meta property="og:title" content="${esc(title)}">`,
    `<meta property="og:description" content="${esc(description)}">`,
    input.origin ? `<meta property="og:url" content="${esc(canonical)}">` : '',
    `<meta property="og:locale" content="${esc(blog.lang.startsWith('fa') ? 'fa_IR' : 'en_US')}">`,
    blog.image ? `<meta property="og:image" content="${esc(blog.image)}">` : '',
    `<meta property="article:modified_time" content="${iso(input.modified)}">`,
    `<link rel="alternate" type="application/atom+xml" title="Atom" href="${esc(link(`${base}/feed.atom`))}">`,
    `<link rel="alternate" type="application/feed+json" title="JSON Feed" href="${esc(link(`${base}/feed.json`))}">`,
    `<link rel="stylesheet" href="${esc(link(LIVE_ASSETS.css))}">`,
    // The node's own icon; a static copy (no script) names none, so no browser asks anyone for one.
    script
      ? `<link rel="icon" type="image/svg+xml" href="${esc(link(LIVE_ASSETS.icon))}">`
      : '<link rel="icon" href="data:,">',
    `<script type="application/ld+json">${jsonForScript(liveBlogJsonLd(blog, shown, pageUrl, input.modified))}</script>`,
    script ? `<script src="${esc(link(script))}" defer></script>` : '',
  ].filter(Boolean);
  const keyList =
    keyEvents.length && !input.only
      ? `<section class="key-events" aria-labelledby="key-h"><h2 id="key-h">${esc(s.keyEvents)}</h2><ul>${keyEvents
          .map(
            (e) =>
              `<li><a href="${esc(link(entryPath(blog.pubkey, blog.d, e.id)))}">${timeEl(e.time, blog)} <bdi>${esc(e.headline)}</bdi></a></li>`,
          )
          .join('')}</ul></section>`
      : '';
  const pager = [
    input.before !== undefined || input.only
      ? `<a href="${esc(link(base))}">${esc(input.only ? s.allEntries : s.newer)}</a>`
      : '',
    olderExists
      ? `<a rel="next" href="${esc(link(base))}?before=${shown[shown.length - 1]!.time}">${esc(s.older)}</a>`
      : '',
  ].filter(Boolean);
  const comments = input.only
    ? ''
    : `<section class="comments" aria-labelledby="comments-h"><h2 id="comments-h">${esc(s.comments)}</h2>${
        input.comments.length
          ? `<ul>${input.comments
              .slice(0, 100)
              .map((c) => `<li>${timeEl(c.time, blog, true)} <p dir="auto">${esc(c.text)}</p></li>`)
              .join('')}</ul>`
          : `<p>${esc(s.noComments)}</p>`
      }<p class="hint">${esc(s.commentHint)} <a href="${esc(link(`/#${base}`))}">${esc(s.commentInApp)}</a></p></section>`;
  const newest = entries[0];
  return `<!doctype html>
<html lang="${esc(blog.lang)}" dir="${isRtl(blog.lang) ? 'rtl' : 'ltr'}">
<head>
${head.join('\n')}
</head>
<body data-coordinate="${esc(blog.coordinate)}" data-editors="${esc([...blog.editors].join(','))}" data-newest="${newest ? newest.time : 0}" data-live="${blog.status === 'live' && !input.only && input.before === undefined ? '1' : '0'}" data-lang="${esc(blog.lang)}">
<header class="blog">
<p class="status status-${blog.status}">${esc(statusLabel(blog))}</p>
<h1 dir="auto"><a href="${esc(link(base))}">${esc(blog.title)}</a></h1>
${blog.summary ? `<p class="summary" dir="auto">${esc(blog.summary)}</p>` : ''}
${archiveNav(input)}
</header>
${keyList}
<main id="entries" aria-live="off">
${shown.length ? shown.map((e) => entryHtml(e, blog, s, input.claims?.get(e.id), input.notes?.get(e.id), link, input.names)).join('\n') : `<p>${esc(s.noEntries)}</p>`}
</main>
${pager.length ? `<nav class="pager">${pager.join(' ')}</nav>` : ''}
${comments}
<footer class="site"><p>${esc(s.feeds)}: <a href="${esc(link(`${base}/feed.atom`))}">Atom</a> · <a href="${esc(link(`${base}/feed.json`))}">JSON Feed</a></p></footer>
${input.tail ?? ''}</body>
</html>
`;
}
