import { npubEncode } from 'nostr-tools/nip19';
import type { Blog } from './blog.js';
import type { Embed } from './entry.js';
import { esc } from './html.js';
import { renderMarkdown } from './markdown.js';
import { entryPath } from './paths.js';
import type { ResolvedEntry } from './resolve.js';
import type { Strings } from './strings.js';
import { iso, longDate, timeOfDay } from './time.js';

/** A <time> element in the blog's zone; the reader script adds the reader's local time beside it. */
export function timeEl(unix: number, blog: Blog, withDate = false): string {
  const label = withDate
    ? `${longDate(unix, blog.lang, blog.timeZone)}, ${timeOfDay(unix, blog.lang, blog.timeZone)}`
    : timeOfDay(unix, blog.lang, blog.timeZone);
  return `<time datetime="${iso(unix)}" data-local>${esc(label)}</time>`;
}

/** Display names by public key (from stored kind-0 profiles); keys without one are shown as a short npub. */
export type Names = ReadonlyMap<string, string>;

function shortKey(npub: string): string {
  return `${npub.slice(0, 12)}…${npub.slice(-6)}`;
}

/**
 * Who wrote an embedded post: the profile name, with the npub beside it (short, the whole key in
 * its title); without a profile, the short npub alone.
 */
export function authorHtml(pubkey: string, names?: Names): string {
  const npub = npubEncode(pubkey);
  const key = `<span class="npub" dir="ltr" title="${esc(npub)}" data-npub="${esc(npub)}">${esc(shortKey(npub))}</span>`;
  const name = names?.get(pubkey);
  return name ? `<bdi class="author">${esc(name)}</bdi> ${key}` : key;
}

function embedHtml(embed: Embed, s: Strings, blog: Blog, names?: Names): string {
  if (embed.status === 'unverified') {
    return `<aside class="embed unverified" role="note"><strong>⚠ ${esc(s.unverified)}</strong> <span>(${esc(embed.reason)})</span></aside>`;
  }
  const e = embed.event;
  return `<blockquote class="embed verified" cite="nostr:${esc(e.id)}"><p dir="auto">${esc(e.content)}</p><footer>— ${authorHtml(e.pubkey, names)}, ${timeEl(e.created_at, blog, true)} · ✓ ${esc(s.verified)}</footer></blockquote>`;
}

/** A community note the node rates helpful, as readers of the page see it. */
export interface HelpfulNote {
  text: string;
  links: string[];
}

function noteHtml(note: HelpfulNote, s: Strings): string {
  const links = note.links.map(
    (l) => `<li><a href="${esc(l)}" rel="nofollow noopener noreferrer" dir="ltr">${esc(l)}</a></li>`,
  );
  return `<aside class="community-note" role="note"><strong>${esc(s.readersAdded)}</strong><p dir="auto">${esc(note.text)}</p>${links.length ? `<ul aria-label="${esc(s.sources)}">${links.join('')}</ul>` : ''}</aside>`;
}

/**
 * A verification desk's claim state on an entry, already worded in the blog's language by the
 * node ("Confirmed · 3 independent sources"); `state` is the machine value for styling.
 */
export interface EntryClaim {
  state: string;
  text: string;
  /** Where the claim's sources and history are shown. */
  href?: string;
}

/** The claim line of an entry: plain HTML, readable without JavaScript. */
export function claimHtml(claim: EntryClaim): string {
  const text = `<span dir="auto">${esc(claim.text)}</span>`;
  return `<p class="claim-state state-${esc(claim.state)}" role="note" data-state="${esc(claim.state)}">${claim.href ? `<a href="${esc(claim.href)}">${text}</a>` : text}</p>`;
}

/** One entry as an <article>: time and headline, body, media, embeds, attribution, updates, corrections, history. */
export function entryHtml(
  entry: ResolvedEntry,
  blog: Blog,
  s: Strings,
  claim?: EntryClaim,
  notes: readonly HelpfulNote[] = [],
  link: (path: string) => string = (p) => p,
  names?: Names,
): string {
  const parts: string[] = [];
  parts.push(
    `<header><a class="stamp" href="${esc(link(entryPath(blog.pubkey, blog.d, entry.id)))}" title="${esc(s.permalink)}">${timeEl(entry.time, blog)}</a> ` +
      `<h2 dir="auto">${entry.keyEvent ? '<span class="key" title="key event">★</span> ' : ''}${esc(entry.headline)}</h2></header>`,
  );
  for (const c of entry.corrections) {
    parts.push(
      `<p class="correction" role="note"><strong>${esc(s.correction)}</strong> (${timeEl(c.time, blog)}): <span dir="auto">${esc(c.note)}</span></p>`,
    );
  }
  if (claim) parts.push(claimHtml(claim));
  parts.push(`<div class="body">${renderMarkdown(entry.body)}</div>`);
  for (const img of entry.images) {
    parts.push(
      `<figure><img src="${esc(img.url)}" alt="${esc(img.alt)}" loading="lazy" referrerpolicy="no-referrer">${img.alt ? `<figcaption dir="auto">${esc(img.alt)}</figcaption>` : ''}</figure>`,
    );
  }
  for (const v of entry.videos)
    parts.push(`<p class="video">▶ <a href="${esc(v)}" rel="nofollow noopener noreferrer">${esc(v)}</a></p>`);
  for (const e of entry.embeds) parts.push(embedHtml(e, s, blog, names));
  if (entry.via) parts.push(`<p class="via">${esc(s.via)} <bdi>${esc(entry.via)}</bdi></p>`);
  for (const u of entry.updates) {
    parts.push(
      `<p class="update"><strong>${esc(s.update)}</strong> (${timeEl(u.time, blog)}): <span dir="auto">${esc(u.text)}</span></p>`,
    );
  }
  for (const n of notes) parts.push(noteHtml(n, s));
  if (entry.history.length > 1) {
    const items = entry.history.map(
      (h) =>
        `<li>${timeEl(h.time, blog, true)} — ${esc(h.type === 'posted' ? s.posted : h.type === 'edit' ? s.edited : h.type === 'update' ? s.update : s.correction)}</li>`,
    );
    parts.push(`<details class="history"><summary>${esc(s.history)}</summary><ol>${items.join('')}</ol></details>`);
  }
  return `<article class="entry${entry.keyEvent ? ' key-event' : ''}" id="e-${entry.id}" data-id="${entry.id}">${parts.join('\n')}</article>`;
}
