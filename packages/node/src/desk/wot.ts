import { FOLLOW_LIST_KIND, isHex64, type DeskList } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import type { DeskBook } from './book.js';

/** Most accounts one web-of-trust step reads follow lists of. */
const MAX_STEP = 2000;

/** Web-of-trust context for one account: who of the desk's trusted accounts follow it, directly or one step away. */
export interface TrustContext {
  /** The desk's members and the accounts its members labelled trusted. */
  trusted: number;
  /** Trusted accounts whose NIP-02 follow list includes the account. */
  followedByTrusted: string[];
  /** Accounts followed by trusted accounts that follow it (distance 2), up to 50. */
  followedByFollowed: string[];
  /** 0: trusted itself, 1: followed by a trusted account, 2: one step further, undefined: farther or unknown. */
  distance?: number;
}

/**
 * Distance from the desk's trusted accounts over NIP-02 follow lists, computed from the stored
 * kind 3 events. Context, not a verdict: a witness with a fresh key has no followers and is not
 * penalised for it anywhere.
 */
export async function trustContext(
  store: Pick<EventStore, 'query'>,
  book: DeskBook,
  desk: DeskList,
  pubkey: string,
): Promise<TrustContext> {
  const trusted = new Set(desk.members);
  for (const [p, v] of book.accounts(desk)) if (v.label === 'trusted') trusted.add(p);
  const ctx: TrustContext = { trusted: trusted.size, followedByTrusted: [], followedByFollowed: [] };
  if (trusted.has(pubkey)) return { ...ctx, distance: 0 };
  const authors = [...trusted].slice(0, MAX_STEP);
  const lists = await store.query([{ kinds: [FOLLOW_LIST_KIND], authors, limit: authors.length }], {
    maxLimit: MAX_STEP,
  });
  const second = new Set<string>();
  for (const { event } of lists) {
    const follows = event.tags.filter((t) => t[0] === 'p' && isHex64(t[1] ?? '')).map((t) => t[1]!);
    if (follows.includes(pubkey)) ctx.followedByTrusted.push(event.pubkey);
    for (const f of follows) if (!trusted.has(f) && f !== pubkey && second.size < MAX_STEP) second.add(f);
  }
  if (ctx.followedByTrusted.length) return { ...ctx, distance: 1 };
  if (second.size) {
    const further = await store.query(
      [{ kinds: [FOLLOW_LIST_KIND], authors: [...second], '#p': [pubkey], limit: 50 }],
      { maxLimit: 50 },
    );
    ctx.followedByFollowed = further.map((s) => s.event.pubkey);
    if (ctx.followedByFollowed.length) ctx.distance = 2;
  }
  return ctx;
}
