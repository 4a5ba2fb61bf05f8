/** NIP-53 live event: the live-blog itself (addressable, by `d`). */
export const LIVE_EVENT_KIND = 30311;
/** NIP-53 live chat message: reader comments, never entries. */
export const COMMENT_KIND = 1311;
/** Lifeline: one live-blog entry (regular, so every version stays stored). */
export const ENTRY_KIND = 1312;
/** Lifeline: an edit, correction or update of an entry (regular; the history is the set of these). */
export const REVISION_KIND = 1313;
/** NIP-09 deletion request. */
export const DELETION_KIND = 5;

/** The `a` coordinate of a live-blog: `30311:<pubkey>:<d>`. */
export function blogCoordinate(pubkey: string, d: string): string {
  return `${LIVE_EVENT_KIND}:${pubkey}:${d}`;
}

/** Splits a coordinate; undefined unless it names a live event by a hex pubkey. */
export function parseCoordinate(a: string): { pubkey: string; d: string } | undefined {
  const m = /^30311:([0-9a-f]{64}):(.*)$/s.exec(a);
  return m ? { pubkey: m[1]!, d: m[2]! } : undefined;
}
