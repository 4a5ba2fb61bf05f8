import { parseFollows, pickNewestReplaceable, type SignedEvent } from '@lifeline/client';
import { FOLLOW_LIST_KIND } from '@lifeline/nostr';
import { pool } from './relays.js';
import { me } from './session.js';
import { follows } from './social.js';
import { createStore } from './store.js';

/*
 * Follower and following counts and lists of any account, held in memory while the app runs.
 * Followers: NIP-45 COUNT of the kind-3 lists that name the account (#p); the list itself is the
 * authors of those kind-3 events. Following: the p tags of the account's own newest kind 3.
 */

/** What is known about one account's follows; undefined fields were not asked yet or got no answer. */
export interface FollowStats {
  followers?: number;
  following?: string[];
  followerList?: string[];
}

const stats = new Map<string, FollowStats>();
const TIMEOUT_MS = 6000;
/** Most follower lists fetched for the list screen (each is a kind-3 event, often large). */
const FOLLOWER_LIST_LIMIT = 500;

/** Bumps when any account's follow stats change. */
export const followStatsTick = createStore(0);

function update(pubkey: string, patch: FollowStats): void {
  stats.set(pubkey, { ...stats.get(pubkey), ...patch });
  followStatsTick.set((n) => n + 1);
}

/** The stats known for `pubkey`; the user's own following comes from their follow list at once. */
export function followStatsOf(pubkey: string): FollowStats {
  const held = stats.get(pubkey) ?? {};
  return pubkey === me() ? { ...held, following: follows() } : held;
}

/** Asks the relays for the follower count and the following list of `pubkey`. */
export async function loadFollowStats(pubkey: string): Promise<void> {
  const [followers, lists] = await Promise.all([
    pool.count([{ kinds: [FOLLOW_LIST_KIND], '#p': [pubkey] }], { timeoutMs: TIMEOUT_MS }).catch(() => undefined),
    pool.query([{ kinds: [FOLLOW_LIST_KIND], authors: [pubkey] }], { timeoutMs: TIMEOUT_MS }).catch(() => []),
  ]);
  const newest = lists.length ? pickNewestReplaceable(lists) : undefined;
  update(pubkey, { followers, ...(newest ? { following: parseFollows(newest) } : {}) });
}

/**
 * Loads who follows `pubkey`: the authors whose newest kind 3 still names it. A relay may keep an
 * older list beside a newer one, so each author's newest list decides.
 */
export async function loadFollowers(pubkey: string): Promise<void> {
  const got = await pool
    .query([{ kinds: [FOLLOW_LIST_KIND], '#p': [pubkey], limit: FOLLOWER_LIST_LIMIT }], { timeoutMs: TIMEOUT_MS })
    .catch(() => [] as SignedEvent[]);
  const newest = new Map<string, SignedEvent>();
  for (const e of got) {
    const held = newest.get(e.pubkey);
    if (!held || pickNewestReplaceable([held, e]) === e) newest.set(e.pubkey, e);
  }
  const list = [...newest.values()].filter((e) => parseFollows(e).includes(pubkey)).map((e) => e.pubkey);
  update(pubkey, { followerList: list });
}

/** Adjusts a follower count after the user follows or unfollows, before the relays are asked again. */
export function noteFollowChange(pubkey: string, follow: boolean): void {
  const held = stats.get(pubkey);
  if (held?.followers === undefined) return;
  const list = held.followerList?.filter((pk) => pk !== me());
  update(pubkey, {
    followers: Math.max(0, held.followers + (follow ? 1 : -1)),
    ...(list ? { followerList: follow ? [...list, me()] : list } : {}),
  });
}

/** Forgets every stat (lock, wipe). */
export function forgetFollowStats(): void {
  stats.clear();
}
