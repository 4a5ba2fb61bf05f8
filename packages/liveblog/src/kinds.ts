import { LIVE_EVENT_KIND, parseAddress } from '@lifeline/nostr';

/**
 * The NIP kinds a live-blog uses (named in @lifeline/nostr): its NIP-53 live event, reader comments
 * (NIP-53 live chat) and NIP-09 deletions.
 */
export { DELETION_KIND, LIVE_CHAT_KIND as COMMENT_KIND, LIVE_EVENT_KIND } from '@lifeline/nostr';
/** Lifeline: one live-blog entry (regular, so every version stays stored). */
export const ENTRY_KIND = 1312;
/** Lifeline: an edit, correction or update of an entry (regular; the history is the set of these). */
export const REVISION_KIND = 1313;

/** The `a` coordinate of a live-blog: `30311:<pubkey>:<d>`. */
export function blogCoordinate(pubkey: string, d: string): string {
  return `${LIVE_EVENT_KIND}:${pubkey}:${d}`;
}

/** Splits a coordinate; undefined unless it names a live event by a hex pubkey. */
export function parseCoordinate(a: string): { pubkey: string; d: string } | undefined {
  const address = parseAddress(a);
  return address?.kind === LIVE_EVENT_KIND ? { pubkey: address.pubkey, d: address.d } : undefined;
}
