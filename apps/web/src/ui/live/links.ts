import { decode, npubEncode } from 'nostr-tools/nip19';

/** The editor's hash route for a blog: `#/live/<npub>/<d>/edit`. */
export function liveHref(pubkey: string, d: string): string {
  return `#/live/${npubEncode(pubkey)}/${encodeURIComponent(d)}/edit`;
}

/**
 * A fresh `d` for a new blog: the UTC date (daily archives sort by it) and a random suffix so two
 * blogs on one day never collide.
 */
export function newBlogD(now = new Date()): string {
  const random = crypto.getRandomValues(new Uint8Array(4));
  return `${now.toISOString().slice(0, 10)}-${[...random].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The hex key of an npub, or undefined for anything else (typos, nsec, note ids). */
export function npubToHex(npub: string): string | undefined {
  try {
    const d = decode(npub.trim());
    return d.type === 'npub' ? d.data : undefined;
  } catch {
    return undefined;
  }
}
