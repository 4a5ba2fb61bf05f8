// Every kind number Lifeline reads or writes, named once (the NIP that defines it in each comment),
// and the kind ranges of NIP-01 ("Kinds").

/** NIP-01 user metadata: the profile. */
export const METADATA_KIND = 0;
/** NIP-01 short text note. */
export const TEXT_NOTE_KIND = 1;
/** NIP-02 follow list. */
export const FOLLOW_LIST_KIND = 3;
/** NIP-09 deletion request. */
export const DELETION_KIND = 5;
/** NIP-18 repost of a kind-1 note. */
export const REPOST_KIND = 6;
/** NIP-25 reaction. */
export const REACTION_KIND = 7;
/** NIP-18 generic repost: of any kind but 1, named by a `k` tag. */
export const GENERIC_REPOST_KIND = 16;
/** NIP-62 request to vanish. */
export const VANISH_KIND = 62;
/** NIP-59 gift wrap: removed with its p-tagged recipient on a NIP-62 vanish. */
export const GIFT_WRAP_KIND = 1059;
/** NIP-53 live chat message. */
export const LIVE_CHAT_KIND = 1311;
/** Lifeline community note on a post or live-blog entry (NIP-22 scope tags; docs/protocol.md). */
export const COMMUNITY_NOTE_KIND = 1314;
/** Lifeline community translation of a post or live-blog entry (NIP-22 scope tags, NIP-32 language). */
export const TRANSLATION_KIND = 1315;
/** Lifeline rating of a note or translation: addressable, `d` = the rated event's id. */
export const NOTE_RATING_KIND = 31314;
/** NIP-51 mute list. */
export const MUTE_LIST_KIND = 10000;
/** NIP-65 relay list. */
export const RELAY_LIST_KIND = 10002;
/** NIP-42 client authentication. */
export const AUTH_KIND = 22242;
/** Blossom (BUD-11) authorization token. */
export const BLOSSOM_AUTH_KIND = 24242;
/** NIP-53 live event. */
export const LIVE_EVENT_KIND = 30311;
// Verification desk (issue 11; docs/protocol.md "Verification desk").
/** NIP-56 report (impersonation, spam, illegal, other): lands in a desk's queue. */
export const REPORT_KIND = 1984;
/** NIP-32 label: every desk action (claims, states, sources, account labels) is one; so is the node's community-note status. */
export const LABEL_KIND = 1985;
/** NIP-51 follow set: a desk is its owner's set of member keys (`d` tag, members as `p` tags). */
export const DESK_LIST_KIND = 30000;

/** True for kinds a relay stores as-is (everything not replaceable, ephemeral or addressable). */
export function isRegular(kind: number): boolean {
  return !isReplaceable(kind) && !isEphemeral(kind) && !isAddressable(kind);
}

/** True for kinds where only the newest event per pubkey+kind is kept: 0, 3 and 10000–19999. */
export function isReplaceable(kind: number): boolean {
  return kind === METADATA_KIND || kind === FOLLOW_LIST_KIND || (kind >= 10000 && kind < 20000);
}

/** True for kinds relays must not store: 20000–29999. */
export function isEphemeral(kind: number): boolean {
  return kind >= 20000 && kind < 30000;
}

/** True for kinds where only the newest event per pubkey+kind+d-tag is kept: 30000–39999. */
export function isAddressable(kind: number): boolean {
  return kind >= 30000 && kind < 40000;
}
