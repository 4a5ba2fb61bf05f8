import {
  FOLLOW_LIST_KIND,
  FollowListError,
  MUTE_LIST_KIND,
  buildDeletion,
  buildMuteList,
  loadNewestReplaceable,
  nextFollowList,
  parseMuteList,
  pickNewestReplaceable,
  buildNote,
  buildProfile,
  buildReaction,
  buildRelayList,
  buildRepost,
  buildVanishRequest,
  type ProfileFields,
  type SignedEvent,
} from '@lifeline/client';
import type { MediaMeta } from '@lifeline/nostr';
import { adjustCount } from './counts.js';
import { markOriginalDeleted } from './deleted-originals.js';
import { publish, type PublishReport } from './publish.js';
import {
  noteRelayListAt,
  pool,
  readRelays,
  relayList,
  relayListAt,
  relayModes,
  writeRelays,
  type RelayMode,
} from './relays.js';
import { me } from './session.js';
import { followList, forgetReaction, muteList, ownReaction } from './social.js';

/** Posts a note, reply (NIP-10) or quote (q tag), with an optional content warning (NIP-36). */
export function post(input: {
  content: string;
  replyTo?: SignedEvent;
  quote?: SignedEvent;
  contentWarning?: string;
  /** NIP-92 images, already uploaded. */
  media?: MediaMeta[];
}): Promise<PublishReport> {
  if (input.replyTo) adjustCount(input.replyTo.id, 'replies', 1);
  if (input.quote) adjustCount(input.quote.id, 'quotes', 1);
  return publish(buildNote({ ...input, me: me() }));
}

/** Reposts (NIP-18 kind 6) with the signed original embedded. */
export function repost(original: SignedEvent): Promise<PublishReport> {
  adjustCount(original.id, 'reposts', 1);
  return publish(buildRepost(original));
}

/** Likes (NIP-25 "+"). */
export function like(target: SignedEvent): Promise<PublishReport> {
  adjustCount(target.id, 'likes', 1);
  return publish(buildReaction(target));
}

/** Undoes the user's own like or repost of `target`: a NIP-09 deletion of that reaction or repost. */
export async function undoReaction(target: SignedEvent, kind: 'like' | 'repost'): Promise<PublishReport | undefined> {
  const own = ownReaction(target.id, kind);
  if (!own) return undefined;
  forgetReaction(target.id, kind);
  adjustCount(target.id, kind === 'like' ? 'likes' : 'reposts', -1);
  return publish(buildDeletion([own]));
}

/** Asks relays to delete one of the user's posts (NIP-09). */
export function deletePost(target: SignedEvent): Promise<PublishReport> {
  markOriginalDeleted(target.id);
  return publish(buildDeletion([target]));
}

/**
 * "Delete everything": a NIP-09 deletion for every own event the relays return, then a NIP-62
 * request to vanish addressed to each relay. Returns how many events were named.
 */
export async function deleteEverything(): Promise<number> {
  // Every relay in the list, write-only ones included: that is where one's own posts are.
  const mine = await pool.query([{ authors: [me()] }], { timeoutMs: 8000, relays: relayList.get() });
  for (let i = 0; i < mine.length; i += 200) await publish(buildDeletion(mine.slice(i, i + 200)));
  await publish(buildVanishRequest({ relays: writeRelays() }));
  return mine.length;
}

/**
 * Follows or unfollows. The newest follow list is loaded from every relay first and the change is
 * applied to it (the client core refuses to build on nothing), so an older or empty list never
 * overwrites a newer one. Unfollowing the last account asks for confirmation.
 */
export async function setFollow(pubkey: string, follow: boolean): Promise<PublishReport> {
  const loaded = await loadNewestReplaceable(pool, FOLLOW_LIST_KIND, me(), { timeoutMs: 6000 });
  const newest = pickNewestReplaceable(
    [loaded.event, followList.get() ?? undefined].filter((e): e is SignedEvent => !!e),
  );
  const change = follow ? { follow: pubkey } : { unfollow: pubkey };
  const newUser = !newest && loaded.answered.length > 0;
  try {
    return await publish(nextFollowList(newest, change, { newUser }));
  } catch (err) {
    if (err instanceof FollowListError && err.code === 'would-empty' && confirm(err.message)) {
      return publish(nextFollowList(newest, change, { newUser, allowEmpty: true }));
    }
    throw err;
  }
}

/** Mutes or unmutes an account (NIP-51 kind 10000), starting from the newest list on the relays. */
export async function setMute(pubkey: string, mute: boolean): Promise<PublishReport> {
  const loaded = await loadNewestReplaceable(pool, MUTE_LIST_KIND, me(), { timeoutMs: 6000 });
  const previous = pickNewestReplaceable(
    [loaded.event, muteList.get() ?? undefined].filter((e): e is SignedEvent => !!e),
  );
  const mutes = parseMuteList(previous);
  mutes.pubkeys = mutes.pubkeys.filter((pk) => pk !== pubkey);
  if (mute) mutes.pubkeys.push(pubkey);
  return publish(buildMuteList(mutes, previous ? { previous } : {}));
}

/** Publishes the user's profile (no location or time-zone fields, by design: see buildProfile). */
export function saveProfile(p: ProfileFields): Promise<PublishReport> {
  return publish(buildProfile({ ...p }));
}

/** Replaces the relay list with its NIP-65 markers (kind 10002) and publishes it to the write relays. */
export async function saveRelays(
  urls: string[],
  modes: Record<string, RelayMode> = relayModes.get(),
): Promise<PublishReport> {
  relayModes.set(Object.fromEntries(urls.map((u) => [u, modes[u] ?? 'both'])));
  relayList.set(urls);
  const template = buildRelayList({ read: readRelays(), write: writeRelays() });
  // Two changes within one second must not tie: on equal timestamps relays keep the lowest id (NIP-01),
  // which could be the older list.
  template.created_at = Math.max(template.created_at, relayListAt + 1);
  noteRelayListAt(template.created_at);
  return publish(template);
}
