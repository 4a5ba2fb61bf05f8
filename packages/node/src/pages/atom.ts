import { esc } from '@lifeline/liveblog';
import type { NostrEvent } from '@lifeline/nostr';
import { noteEncode } from 'nostr-tools/nip19';
import { nameOf, repostOriginal, type Names } from './render.js';

/** What a feed says about itself. */
export interface FeedMeta {
  title: string;
  /** Absolute URL of the HTML page the feed follows. */
  page: string;
  /** Absolute URL of the feed itself. */
  self: string;
  origin: string;
}

// XML 1.0 cannot carry most control characters, even escaped.
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const text = (s: string) => esc(s.replace(NOT_XML, ''));

function entryText(e: NostrEvent): string {
  if (e.kind !== 6) return e.content;
  const original = repostOriginal(e);
  return original && original !== 'fabricated' ? original.content : '';
}

/** An Atom feed of posts: plain-text content, each entry linking to its thread page. */
export function atomFeed(meta: FeedMeta, events: readonly NostrEvent[], names: Names): string {
  const updated = new Date((events[0]?.created_at ?? 0) * 1000).toISOString();
  const entries = events
    .filter((e) => e.kind !== 6 || entryText(e) !== '')
    .map((e) => {
      const body = entryText(e);
      const note = noteEncode(e.id);
      return (
        `<entry><id>nostr:${note}</id><title>${text(body.slice(0, 80) || note)}</title>` +
        `<link href="${esc(`${meta.origin}/e/${note}`)}"/><updated>${new Date(e.created_at * 1000).toISOString()}</updated>` +
        `<author><name>${text(nameOf(e.pubkey, names))}</name></author><content type="text">${text(body)}</content></entry>`
      );
    });
  return (
    '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">' +
    `<id>${esc(meta.page)}</id><title>${text(meta.title)}</title><updated>${updated}</updated>` +
    `<link rel="alternate" href="${esc(meta.page)}"/><link rel="self" href="${esc(meta.self)}"/>` +
    `${entries.join('')}</feed>`
  );
}
