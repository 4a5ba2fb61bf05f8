import { npubEncode } from 'nostr-tools/nip19';

/** The editor's hash route for a blog. */
export function liveHref(pubkey: string, d: string): string {
  return `#/live/${npubEncode(pubkey)}/${encodeURIComponent(d)}`;
}
