import { decode } from 'nostr-tools/nip19';
import { normalizeHashtag } from '@lifeline/nostr';

/*
 * Note content split into tokens the UI renders as text nodes and links, never as HTML. Links are
 * http(s) only (no javascript:, data:), hashtags are Unicode-aware (Persian letters, ZWNJ inside a
 * word, Persian and Arabic digits), and nostr: references (NIP-21/27) come decoded.
 */

/** A pointer to an event: from note1, nevent1 or naddr1. */
export interface EventPointerToken {
  type: 'event';
  text: string;
  id?: string;
  author?: string;
  kind?: number;
  relays: string[];
  /** For naddr: "kind:pubkey:d". */
  address?: string;
}

/** One piece of note content. */
export type ContentToken =
  | { type: 'text'; text: string }
  | { type: 'url'; text: string; url: string }
  | { type: 'hashtag'; text: string; tag: string }
  | { type: 'mention'; text: string; pubkey: string; relays: string[] }
  | EventPointerToken;

const BECH32 = '[qpzry9x8gf2tvdw0s3jn54khce6mua7l]';
const WORD = '[\\p{L}\\p{N}\\p{M}_\\u200c\\u200d]';
// Groups: 1 URL, 2 nostr: entity, 3 hashtag body. The lookbehind keeps "a#b" and "&#1" from being tags.
const TOKEN = new RegExp(
  `(https?:\\/\\/[^\\s<>"'\`]+)` +
    `|nostr:((?:npub|nprofile|note|nevent|naddr)1${BECH32}+)` +
    `|(?<![\\p{L}\\p{N}\\p{M}_&/#＃])[#＃](${WORD}*\\p{L}${WORD}*)`,
  'giu',
);
const TRAILING_PUNCT = /[.,;:!?'"\]}>»،؛؟…]+$/u;

/** Trims punctuation that ends a sentence rather than the URL (keeps balanced parentheses). */
function trimUrl(raw: string): string {
  let url = raw;
  for (;;) {
    const before = url;
    url = url.replace(TRAILING_PUNCT, '');
    if (url.endsWith(')') && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    if (url === before) return url;
  }
}

/** Decodes a nostr: entity into a token, or undefined when it is not valid bech32. */
function decodeNostrEntity(entity: string, text = `nostr:${entity}`): ContentToken | undefined {
  try {
    const d = decode(entity.toLowerCase());
    switch (d.type) {
      case 'npub':
        return { type: 'mention', text, pubkey: d.data, relays: [] };
      case 'nprofile':
        return { type: 'mention', text, pubkey: d.data.pubkey, relays: d.data.relays ?? [] };
      case 'note':
        return { type: 'event', text, id: d.data, relays: [] };
      case 'nevent': {
        const t: EventPointerToken = { type: 'event', text, id: d.data.id, relays: d.data.relays ?? [] };
        if (d.data.author) t.author = d.data.author;
        if (d.data.kind !== undefined) t.kind = d.data.kind;
        return t;
      }
      case 'naddr':
        return {
          type: 'event',
          text,
          author: d.data.pubkey,
          kind: d.data.kind,
          relays: d.data.relays ?? [],
          address: `${d.data.kind}:${d.data.pubkey}:${d.data.identifier}`,
        };
      default:
        return undefined;
    }
  } catch {
    return undefined;
  }
}

/** Splits note content into text, url, hashtag, mention and event tokens (adjacent text merged). */
export function parseContent(content: string): ContentToken[] {
  const out: ContentToken[] = [];
  const pushText = (text: string): void => {
    if (text === '') return;
    const last = out[out.length - 1];
    if (last?.type === 'text') last.text += text;
    else out.push({ type: 'text', text });
  };
  let at = 0;
  for (const m of content.matchAll(TOKEN)) {
    const start = m.index;
    let token: ContentToken | undefined;
    let text = m[0];
    if (m[1] !== undefined) {
      text = trimUrl(m[1]);
      try {
        const u = new URL(text);
        token = { type: 'url', text, url: u.href };
      } catch {
        token = undefined;
      }
    } else if (m[2] !== undefined) {
      token = decodeNostrEntity(m[2], text);
    } else if (m[3] !== undefined) {
      // A ZWNJ at the end joins nothing; leave it to the text.
      const body = m[3].replace(/[\u200c\u200d]+$/u, '');
      text = m[0].slice(0, 1 + body.length);
      token = { type: 'hashtag', text, tag: normalizeHashtag(body) };
    }
    pushText(content.slice(at, start));
    if (token) {
      out.push(token);
      at = start + text.length;
    } else {
      pushText(m[0]);
      at = start + m[0].length;
    }
  }
  pushText(content.slice(at));
  return out;
}

/** The normalized hashtags in content, each once, in order of appearance. */
export function extractHashtags(content: string): string[] {
  const tags: string[] = [];
  for (const t of parseContent(content)) {
    if (t.type === 'hashtag' && t.tag !== '' && !tags.includes(t.tag)) tags.push(t.tag);
  }
  return tags;
}
