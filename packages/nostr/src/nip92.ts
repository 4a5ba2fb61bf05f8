import type { NostrEvent } from './types.js';

/*
 * NIP-92 media attachments: an `imeta` tag per URL in the content, each field one "key value"
 * string. Only the fields Lifeline writes and reads are modelled; others are kept out.
 */

/** One attached file as an `imeta` tag describes it. */
export interface MediaMeta {
  url: string;
  /** MIME type (`m`). */
  m?: string;
  /** Lowercase hex SHA-256 of the file (`x`). */
  x?: string;
  /** `<width>x<height>` in pixels. */
  dim?: string;
  /** The author's description for people who cannot see the image. */
  alt?: string;
}

const FIELDS = ['m', 'x', 'dim', 'alt'] as const;

/** Builds the `imeta` tag for one attachment; empty fields are left out. */
export function imetaTag(media: MediaMeta): string[] {
  const tag = ['imeta', `url ${media.url}`];
  for (const key of FIELDS) {
    // A value is one tag entry: newlines would not break the tag, but alt text is a single line.
    const v = media[key]?.replace(/\s+/g, ' ').trim();
    if (v) tag.push(`${key} ${v}`);
  }
  return tag;
}

/**
 * The `imeta` attachments of an event, in tag order. NIP-92 asks clients to ignore tags whose URL
 * is not in the content, so those are dropped; so are tags without an http(s) URL.
 */
export function parseImeta(event: Pick<NostrEvent, 'tags' | 'content'>): MediaMeta[] {
  const out: MediaMeta[] = [];
  for (const tag of event.tags) {
    if (tag[0] !== 'imeta') continue;
    const fields = new Map<string, string>();
    for (const part of tag.slice(1)) {
      const space = part.indexOf(' ');
      if (space > 0 && !fields.has(part.slice(0, space))) fields.set(part.slice(0, space), part.slice(space + 1));
    }
    const url = fields.get('url');
    if (!url || !/^https?:\/\/\S+$/i.test(url) || !event.content.includes(url)) continue;
    if (out.some((m) => m.url === url)) continue;
    const media: MediaMeta = { url };
    for (const key of FIELDS) {
      const v = fields.get(key);
      if (v) media[key] = v;
    }
    out.push(media);
  }
  return out;
}

/** Width and height from a `dim` field (`1200x800`), or undefined when malformed. */
export function parseDim(dim: string | undefined): { width: number; height: number } | undefined {
  const m = /^(\d{1,5})x(\d{1,5})$/.exec(dim ?? '');
  if (!m) return undefined;
  const width = Number(m[1]);
  const height = Number(m[2]);
  return width > 0 && height > 0 ? { width, height } : undefined;
}
