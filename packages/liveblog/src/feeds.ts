import { npubEncode } from 'nostr-tools/nip19';
import type { Blog } from './blog.js';
import { esc } from './html.js';
import { plainText, renderMarkdown } from './markdown.js';
import { blogPath, entryPath } from './paths.js';
import type { EntryClaim, Names } from './entry-html.js';
import type { ResolvedEntry } from './resolve.js';
import { iso, longDate, timeOfDay } from './time.js';

/** A person in a feed: the profile name when one is stored, else the npub; the npub always as a nostr: URI. */
function person(pubkey: string, names?: Names): { name: string; uri: string } {
  const npub = npubEncode(pubkey);
  return { name: names?.get(pubkey) ?? npub, uri: `nostr:${npub}` };
}

/** A time as readers of the blog read it: date and time of day in the blog's zone and language. */
function readable(unix: number, blog: Blog): string {
  return `${longDate(unix, blog.lang, blog.timeZone)}, ${timeOfDay(unix, blog.lang, blog.timeZone)}`;
}

// XML 1.0 forbids most C0 controls, U+FFFE/U+FFFF and lone surrogates; a signed event may contain
// them, and one such character would make the whole feed unparseable.
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML and drops the characters XML 1.0 cannot carry. */
function xml(text: string): string {
  return esc(text.replace(XML_INVALID, ''));
}

/**
 * A text field (title, subtitle, author) as its own bidi isolate: FSI before and PDI after, so an
 * override or embedding a signed text leaves open (U+202E and friends) ends with the field and
 * cannot flip the feed reader's text around it. Atom text constructs have no markup for this; text
 * without bidi controls is left untouched.
 */
function isolated(text: string): string {
  return BIDI_CONTROL.test(text) ? `\u2068${text}\u2069` : text;
}

// Explicit embeddings, overrides and isolates: what a text can leave open. Other text is left as is.
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** Entry HTML for feeds: body, updates and corrections, no page chrome; user text isolated as on the page. */
function feedHtml(e: ResolvedEntry, blog: Blog, claim?: EntryClaim, names?: Names): string {
  const extra = [
    ...(claim ? [`<p><strong>${esc(claim.text)}</strong></p>`] : []),
    ...e.corrections.map(
      (c) => `<p><strong>Correction (${esc(readable(c.time, blog))}):</strong> <bdi>${esc(c.note)}</bdi></p>`,
    ),
    ...e.updates.map(
      (u) => `<p><strong>Update (${esc(readable(u.time, blog))}):</strong> <bdi>${esc(u.text)}</bdi></p>`,
    ),
    ...(e.via ? [`<p>via <bdi>${esc(e.via)}</bdi></p>`] : []),
    ...e.images.map((i) => `<p><img src="${esc(i.url)}" alt="${esc(i.alt)}"></p>`),
    // Only verified embeds are quoted: a feed reader cannot show our "could not be verified" warning.
    ...e.embeds.flatMap((m) =>
      m.status === 'verified'
        ? [
            `<blockquote><p dir="auto">${esc(m.event.content)}</p><p>— ${embedAuthor(m.event.pubkey, names)}, ${esc(readable(m.event.created_at, blog))}</p></blockquote>`,
          ]
        : [],
    ),
  ];
  return renderMarkdown(e.body) + extra.join('');
}

/** An embedded post's author in feed HTML: "Name (npub1…)", or the npub alone. */
function embedAuthor(pubkey: string, names?: Names): string {
  const p = person(pubkey, names);
  const npub = p.uri.slice('nostr:'.length);
  return p.name === npub ? esc(npub) : `<bdi>${esc(p.name)}</bdi> (${esc(npub)})`;
}

/** An Atom 1.0 feed of a blog's newest entries. */
export function atomFeed(
  blog: Blog,
  entries: ResolvedEntry[],
  origin: string,
  modified: number,
  claims?: ReadonlyMap<string, EntryClaim>,
  names?: Names,
): string {
  const base = origin + blogPath(blog.pubkey, blog.d);
  const authorXml = (pubkey: string) => {
    const p = person(pubkey, names);
    return `<author><name>${xml(isolated(p.name))}</name><uri>${xml(p.uri)}</uri></author>`;
  };
  const items = entries.map((e) => {
    const url = origin + entryPath(blog.pubkey, blog.d, e.id);
    return `<entry>
<id>${xml(url)}</id>
<title>${xml(isolated(e.headline || plainText(e.body).slice(0, 80)))}</title>
<link rel="alternate" type="text/html" href="${xml(url)}"/>
<published>${iso(e.time)}</published>
<updated>${iso(Math.max(e.modified ?? e.time, ...e.updates.map((u) => u.time)))}</updated>
${authorXml(e.author)}
<content type="html">${xml(feedHtml(e, blog, claims?.get(e.id), names))}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(blog.lang)}">
<id>${xml(base)}</id>
<title>${xml(isolated(blog.title))}</title>
${blog.summary ? `<subtitle>${xml(isolated(blog.summary))}</subtitle>` : ''}
<updated>${iso(modified)}</updated>
<link rel="self" type="application/atom+xml" href="${xml(base)}/feed.atom"/>
<link rel="alternate" type="text/html" href="${xml(base)}"/>
${authorXml(blog.pubkey)}
<generator>Lifeline</generator>
${items.join('\n')}
</feed>
`;
}

/** A JSON Feed 1.1 document of a blog's newest entries. */
export function jsonFeed(
  blog: Blog,
  entries: ResolvedEntry[],
  origin: string,
  claims?: ReadonlyMap<string, EntryClaim>,
  names?: Names,
): object {
  const author = (pubkey: string) => {
    const p = person(pubkey, names);
    return { name: p.name, url: p.uri };
  };
  const base = origin + blogPath(blog.pubkey, blog.d);
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: blog.title,
    home_page_url: base,
    feed_url: `${base}/feed.json`,
    ...(blog.summary ? { description: blog.summary } : {}),
    language: blog.lang,
    authors: [author(blog.pubkey)],
    items: entries.map((e) => ({
      id: e.id,
      url: origin + entryPath(blog.pubkey, blog.d, e.id),
      title: e.headline,
      content_html: feedHtml(e, blog, claims?.get(e.id), names),
      content_text: [plainText(e.body), ...e.updates.map((u) => `Update: ${u.text}`)].join('\n\n'),
      date_published: iso(e.time),
      date_modified: iso(Math.max(e.modified ?? e.time, ...e.updates.map((u) => u.time))),
      authors: [author(e.author)],
      ...(e.images[0] ? { image: e.images[0].url } : {}),
      // JSON Feed extension (a leading underscore): the verification desk's state of this entry.
      ...(claims?.get(e.id)
        ? { _lifeline_claim: { state: claims.get(e.id)!.state, text: claims.get(e.id)!.text } }
        : {}),
    })),
  };
}
