import { createHash } from 'node:crypto';
import { esc, isSafeUrl } from '@lifeline/liveblog';
import { normalizeHashtag, type NostrEvent } from '@lifeline/nostr';
import { npubEncode, noteEncode } from 'nostr-tools/nip19';
import { verifyEvent } from 'nostr-tools/pure';
import type { PageStrings } from './strings.js';

/** All the styling the pages have: system fonts, logical properties so RTL needs no second sheet. */
export const PAGE_CSS =
  'body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#111;background:#fff}' +
  'a{color:#0645ad}header,footer{margin-block:1rem}article{border-block-end:1px solid #ddd;padding-block:.75rem}' +
  '.meta{font-size:.85rem;color:#555}.warn{background:#fee;border:1px solid #c00;padding:.25rem .5rem}' +
  '.quote{border-inline-start:3px solid #ccc;padding-inline-start:.75rem}p{white-space:pre-wrap;overflow-wrap:anywhere}';

/** The CSP hash of PAGE_CSS: the one inline thing the pages allow. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;

/** Display names by pubkey, from kind-0 profiles. */
export type Names = ReadonlyMap<string, string>;

/** The name to show for a pubkey: its profile's name, else a shortened npub. */
export function nameOf(pubkey: string, names: Names): string {
  return names.get(pubkey) ?? `${npubEncode(pubkey).slice(0, 14)}…`;
}

/** Reads a display name from a kind-0 event; undefined when it has none. */
export function profileName(event: NostrEvent): string | undefined {
  try {
    const p = JSON.parse(event.content) as { display_name?: unknown; name?: unknown };
    const name = typeof p.display_name === 'string' && p.display_name ? p.display_name : p.name;
    return typeof name === 'string' && name.trim() ? name.trim().slice(0, 80) : undefined;
  } catch {
    return undefined;
  }
}

// Links become anchors; image URLs from strangers are never loaded, only linked. A hashtag is a
// '#' at the start of a word followed by letters, digits, marks, '_' or ZWNJ.
const TOKEN_RE = /https?:\/\/[^\s<>"'`]+|(?<![\p{L}\p{N}_&#])[#＃][\p{L}\p{N}\p{M}_\u200c]+/gu;
const IMAGE_RE = /\.(png|jpe?g|gif|webp|avif)(\?|$)/i;

/** Post text as HTML: escaped, links clickable, images shown as links only, hashtags linking to their page. */
export function contentHtml(text: string, s: PageStrings, link: (path: string) => string = (p) => p): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(TOKEN_RE)) {
    const token = m[0];
    out += esc(text.slice(last, m.index));
    last = m.index + token.length;
    if (token[0] === '#' || token[0] === '＃') {
      const tag = normalizeHashtag(token);
      out += tag ? `<a href="${esc(link(`/t/${encodeURIComponent(tag)}`))}"><bdi>${esc(token)}</bdi></a>` : esc(token);
    } else if (!isSafeUrl(token)) out += esc(token);
    else if (IMAGE_RE.test(token))
      out += `<a href="${esc(token)}" rel="nofollow noreferrer">[${esc(s.imageHidden)}]</a>`;
    else out += `<a href="${esc(token)}" rel="nofollow noreferrer"><bdi>${esc(token)}</bdi></a>`;
  }
  return out + esc(text.slice(last));
}

/** Per-request context of a page: its language, strings, and a link maker keeping `?lang`. */
export interface PageContext {
  lang: 'en' | 'fa';
  s: PageStrings;
  names: Names;
  /** Impostor warnings by pubkey (desk signals), shown beside names. */
  labels?: ReadonlyMap<string, string>;
  link: (path: string) => string;
  /** The default desk's claim states by post id (desk/entry-claims.ts), worded in the page's language. */
  claims?: ReadonlyMap<string, { state: string; text: string; href?: string }>;
}

/** The desk's badge on a post, as the live-blog pages show it: plain HTML linking to the claim in the app. */
function claimLine(id: string, ctx: PageContext): string {
  const claim = ctx.claims?.get(id);
  if (!claim) return '';
  const text = `<span dir="auto">${esc(claim.text)}</span>`;
  return `<p class="claim-state state-${esc(claim.state)}" role="note">${claim.href ? `<a href="${esc(claim.href)}">${text}</a>` : text}</p>`;
}

function byline(e: NostrEvent, ctx: PageContext): string {
  const npub = npubEncode(e.pubkey);
  const label = ctx.labels?.get(e.pubkey);
  const when = new Date(e.created_at * 1000).toISOString().replace('T', ' ').slice(0, 16);
  return (
    `<div class="meta"><a href="${esc(ctx.link(`/p/${npub}`))}"><bdi>${esc(nameOf(e.pubkey, ctx.names))}</bdi></a>` +
    (label ? ` <span class="warn"><bdi>${esc(label)}</bdi></span>` : '') +
    ` · <a href="${esc(ctx.link(`/e/${noteEncode(e.id)}`))}"><time datetime="${new Date(e.created_at * 1000).toISOString()}">${when}</time></a></div>`
  );
}

/** The embedded original of a repost, when it parses and its signature holds; 'fabricated' otherwise. */
export function repostOriginal(e: NostrEvent): NostrEvent | 'fabricated' | undefined {
  if (e.content.trim() === '') return undefined;
  try {
    const inner = JSON.parse(e.content) as NostrEvent;
    return verifyEvent(inner) ? inner : 'fabricated';
  } catch {
    return 'fabricated';
  }
}

/** One post (kind 1, or a kind-6 repost with its original or the fabricated warning). */
export function postHtml(e: NostrEvent, ctx: PageContext): string {
  if (e.kind === 6) {
    const original = repostOriginal(e);
    const head = `${byline(e, ctx)}<div class="meta">${esc(ctx.s.reposted)}</div>`;
    if (original === 'fabricated') return `<article>${head}<p class="warn">${esc(ctx.s.fabricated)}</p></article>`;
    if (!original) return `<article>${head}</article>`;
    return `<article>${head}<div class="quote">${byline(original, ctx)}<p dir="auto">${contentHtml(original.content, ctx.s, ctx.link)}</p>${claimLine(original.id, ctx)}</div></article>`;
  }
  const reply = e.tags.find((t) => t[0] === 'e' && t[1]);
  const replyLine = reply?.[1]
    ? `<div class="meta">${esc(ctx.s.replyTo)} <a href="${esc(ctx.link(`/e/${noteEncode(reply[1])}`))}">${esc(noteEncode(reply[1]).slice(0, 14))}…</a></div>`
    : '';
  return `<article>${byline(e, ctx)}${replyLine}<p dir="auto">${contentHtml(e.content, ctx.s, ctx.link)}</p>${claimLine(e.id, ctx)}</article>`;
}

/** What a page says about itself: title, description, where the app shows it, the optional feed. */
export interface PageMeta {
  title: string;
  description: string;
  /** Path of this page, for the language switch and og:url. */
  path: string;
  /** The web app's hash route for the same thing, e.g. `#/t/کتاب`. */
  appRoute: string;
  feed?: string;
  origin: string;
  /** A static copy (lifeline export-site): no search form or language switch, which need the node. */
  offline?: boolean;
  /** Where "open in the app" points, overriding `/<appRoute>`; '' leaves the link out. */
  appHref?: string;
  /** HTML placed just before </body> (the exporter's signed events and verifier). */
  tail?: string;
}

/** A whole HTML document around `body`. */
export function layout(meta: PageMeta, body: string, ctx: PageContext): string {
  const other = ctx.lang === 'fa' ? 'en' : 'fa';
  const sep = meta.path.includes('?') ? '&' : '?';
  const url = `${meta.origin}${meta.path}`;
  const app = meta.appHref ?? `/${meta.appRoute}`;
  return (
    `<!doctype html><html lang="${ctx.lang}" dir="${ctx.s.dir}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${esc(meta.title)}</title><meta name="description" content="${esc(meta.description)}">` +
    `<meta property="og:title" content="${esc(meta.title)}"><meta property="og:description" content="${esc(meta.description)}">` +
    `<meta property="og:url" content="${esc(url)}"><meta property="og:type" content="website">` +
    (meta.feed ? `<link rel="alternate" type="application/atom+xml" href="${esc(ctx.link(meta.feed))}">` : '') +
    `<style>${PAGE_CSS}</style></head><body><header><nav><a href="${esc(ctx.link('/timeline'))}">${esc(ctx.s.timeline)}</a>` +
    (meta.offline
      ? ''
      : ' · ' +
        `<form action="/search" method="get" style="display:inline"><input name="q" dir="auto" aria-label="${esc(ctx.s.search)}">` +
        `<input type="hidden" name="lang" value="${ctx.lang}"><button>${esc(ctx.s.searchButton)}</button></form> · ` +
        `<a href="${esc(`${meta.path}${sep}lang=${other}`)}" hreflang="${other}" lang="${other}">${esc(ctx.s.language)}</a>`) +
    '</nav>' +
    `<h1 dir="auto"><bdi>${esc(meta.title)}</bdi></h1></header><main>${body}</main><footer>` +
    (app ? `<a href="${esc(app)}">${esc(ctx.s.openInApp)}</a>` : '') +
    (meta.feed ? `${app ? ' · ' : ''}<a href="${esc(ctx.link(meta.feed))}">${esc(ctx.s.feed)}</a>` : '') +
    `</footer>${meta.tail ?? ''}</body></html>`
  );
}
