import { FOLLOW_LIST_KIND, isHex64, nowSeconds } from '@lifeline/nostr';
import type { EventTemplate, SignedEvent } from './types.js';

/** Raised when a follow-list change would risk wiping the user's follows. */
export class FollowListError extends Error {
  constructor(
    readonly code: 'not-loaded' | 'would-empty' | 'bad-pubkey',
    message: string,
  ) {
    super(message);
    this.name = 'FollowListError';
  }
}

/** The followed pubkeys of a kind-3 event, in order, each once. */
export function parseFollows(event: Pick<SignedEvent, 'tags'> | undefined): string[] {
  const out: string[] = [];
  for (const t of event?.tags ?? []) {
    if (t[0] === 'p' && isHex64(t[1]) && !out.includes(t[1])) out.push(t[1]);
  }
  return out;
}

/** One change to the follow list. */
export type FollowChange = { follow: string; relay?: string; petname?: string } | { unfollow: string };

/** Options of nextFollowList. */
export interface NextFollowOptions {
  /** The user has never had a follow list (fresh key): starting from empty is allowed. */
  newUser?: boolean;
  /** Unfollowing the last account is intended (otherwise an empty result is refused). */
  allowEmpty?: boolean;
  created_at?: number;
}

/**
 * The next kind-3 list after one change, built from the newest list known from ALL read relays
 * (query them first and pass pickNewestReplaceable of the results). Refuses when no list was
 * loaded unless `newUser`, so a flaky connection can never replace the follows with one entry.
 * Other p tags, petnames, relay hints, other tags and the content are preserved; created_at is
 * strictly greater than the newest known version's.
 */
export function nextFollowList(
  newest: SignedEvent | undefined,
  change: FollowChange,
  opts: NextFollowOptions = {},
): EventTemplate {
  if (!newest && !opts.newUser) {
    throw new FollowListError(
      'not-loaded',
      'Your follow list has not been loaded from any relay yet, so changing it now could erase it. Try again when a relay answers.',
    );
  }
  if (newest && newest.kind !== FOLLOW_LIST_KIND) throw new Error('not a follow list (kind 3)');
  const tags = (newest?.tags ?? []).map((t) => [...t]);
  if ('follow' in change) {
    if (!isHex64(change.follow)) throw new FollowListError('bad-pubkey', 'Not a valid public key.');
    if (!tags.some((t) => t[0] === 'p' && t[1] === change.follow)) {
      const tag = ['p', change.follow];
      if (change.relay || change.petname) tag.push(change.relay ?? '');
      if (change.petname) tag.push(change.petname);
      tags.push(tag);
    }
  } else {
    const before = tags.filter((t) => t[0] === 'p').length;
    const kept = tags.filter((t) => !(t[0] === 'p' && t[1] === change.unfollow));
    if (before > 0 && !kept.some((t) => t[0] === 'p') && !opts.allowEmpty) {
      throw new FollowListError('would-empty', 'This would leave you following nobody; confirm to continue.');
    }
    tags.length = 0;
    tags.push(...kept);
  }
  const created_at = Math.max(opts.created_at ?? nowSeconds(), (newest?.created_at ?? 0) + 1);
  return { kind: FOLLOW_LIST_KIND, created_at, tags, content: newest?.content ?? '' };
}
