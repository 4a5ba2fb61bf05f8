import { npubEncode } from 'nostr-tools/nip19';
import { parseCoordinate } from './kinds.js';

/** The reader URL of a blog: `/live/<npub>/<d>` (d percent-encoded). */
export function blogPath(pubkey: string, d: string): string {
  return `/live/${npubEncode(pubkey)}/${encodeURIComponent(d)}`;
}

/** An entry's permalink. */
export function entryPath(pubkey: string, d: string, entryId: string): string {
  return `${blogPath(pubkey, d)}/entry/${entryId}`;
}

/** Where a coordinate's blog is read. */
export function coordinatePath(coordinate: string): string | undefined {
  const blog = parseCoordinate(coordinate);
  return blog ? blogPath(blog.pubkey, blog.d) : undefined;
}
