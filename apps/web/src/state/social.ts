import { forgetNotes } from './notes.js';
import {
  impersonationCheck,
  isMuted as mutedBy,
  parseFollows,
  parseMuteList,
  pickNewestReplaceable,
  type SignedEvent,
} from '@lifeline/client';
import { cacheEvent, forgetEvents } from './events.js';
import { forgetFollowStats } from './follow-stats.js';
import { forgetNip05 } from './nip05.js';
import { displayName, forgetProfiles, loadProfiles, profileOf, profilesTick, rememberProfile } from './profiles.js';
import { applyRelayListEvent, pool } from './relays.js';
import { me } from './session.js';
import { createStore } from './store.js';
import {
  FOLLOW_LIST_KIND,
  METADATA_KIND,
  MUTE_LIST_KIND,
  REACTION_KIND,
  RELAY_LIST_KIND,
  REPOST_KIND,
} from '@lifeline/nostr';

/*
 * The signed-in user's social graph as the app holds it while it runs: follow and mute lists, and
 * which posts the user already liked or reposted. Nothing here is written to disk.
 */

/** The user's latest follow list event (kind 3), if any was found. */
export const followList = createStore<SignedEvent | null>(null);
/** The user's latest mute list event (kind 10000). */
export const muteList = createStore<SignedEvent | null>(null);
/** Bumps when the mute list changes. */
export const mutesTick = createStore(0);
muteList.subscribe(() => mutesTick.set((n) => n + 1));
/** The user's own events as they are signed (timelines show them before any relay answers). */
export const ownEvent = createStore<SignedEvent | null>(null);
/** Bumps when likes/reposts of the user change. */
export const reactionsTick = createStore(0);
/** The user's own like (kind 7) and repost (kind 6) per target id: undoing one deletes that event. */
const liked = new Map<string, SignedEvent>();
const reposted = new Map<string, SignedEvent>();

/** Pubkeys the user follows (from the newest kind-3 event). */
export function follows(): string[] {
  return parseFollows(followList.get() ?? undefined);
}

/** True when `pubkey` is followed or is the user. */
export function isFollowedOrMe(pubkey: string): boolean {
  return pubkey === me() || follows().includes(pubkey);
}

/** Pubkeys muted by the user (NIP-51 public mute list). */
export function mutedPubkeys(): string[] {
  return parseMuteList(muteList.get() ?? undefined).pubkeys;
}

/** True when posts of `pubkey` are hidden. */
export function isMuted(pubkey: string): boolean {
  return mutedPubkeys().includes(pubkey);
}

/** True when this event is hidden by the mute list (author, thread, hashtag, word, reposted author). */
export function isEventMuted(e: SignedEvent): boolean {
  return mutedBy(e, parseMuteList(muteList.get() ?? undefined));
}

/**
 * The followed account whose name `pubkey` copies, if any: a display name matching someone you
 * follow, from a different key, is marked as a possible impersonator.
 */
export function impersonates(pubkey: string): string | undefined {
  if (isFollowedOrMe(pubkey)) return undefined;
  if (!displayName(pubkey)) return undefined;
  const known = follows().flatMap((pk) => {
    const profile = profileOf(pk);
    return profile ? [{ pubkey: pk, profile }] : [];
  });
  return impersonationCheck(profileOf(pubkey)!, pubkey, known)?.name;
}

/** True when the user liked this event in this session or earlier (as loaded). */
export function hasLiked(id: string): boolean {
  return liked.has(id);
}

/** True when the user reposted this event. */
export function hasReposted(id: string): boolean {
  return reposted.has(id);
}

/** The user's own like or repost of `id`, to delete when it is undone. */
export function ownReaction(id: string, kind: 'like' | 'repost'): SignedEvent | undefined {
  return (kind === 'like' ? liked : reposted).get(id);
}

/** Forgets an undone like or repost so the button shows it at once. */
export function forgetReaction(id: string, kind: 'like' | 'repost'): void {
  (kind === 'like' ? liked : reposted).delete(id);
  reactionsTick.set((n) => n + 1);
}

/** Keeps a list event if it is newer than the one held (NIP-01: the newest version counts). */
function keepNewest(list: typeof followList, e: SignedEvent): void {
  const held = list.get();
  if (!held || pickNewestReplaceable([held, e]) === e) list.set(e);
}

/** Records a like (kind 7) or repost (kind 6) by the user of the event it names. */
function rememberReaction(e: SignedEvent): void {
  const target = e.tags.find((t) => t[0] === 'e')?.[1];
  if (target && e.kind === REACTION_KIND) liked.set(target, e);
  if (target && e.kind === REPOST_KIND) reposted.set(target, e);
}

/** Records an event the user published so buttons and lists update at once. */
export function noteOwnEvent(e: SignedEvent): void {
  rememberReaction(e);
  if (e.kind === FOLLOW_LIST_KIND) followList.set(e);
  if (e.kind === MUTE_LIST_KIND) muteList.set(e);
  if (e.kind === METADATA_KIND) {
    rememberProfile(e);
    profilesTick.set((n) => n + 1);
  }
  reactionsTick.set((n) => n + 1);
  cacheEvent(e);
  ownEvent.set(e);
}

/** Loads the user's own follow list, mute list, profile, relay list and recent likes/reposts after sign-in. */
export async function loadMine(pubkey: string): Promise<void> {
  const got = await pool
    .query(
      [
        { kinds: [METADATA_KIND, FOLLOW_LIST_KIND, MUTE_LIST_KIND, RELAY_LIST_KIND], authors: [pubkey] },
        { kinds: [REPOST_KIND, REACTION_KIND], authors: [pubkey], limit: 300 },
      ],
      { timeoutMs: 6000 },
    )
    .catch(() => []);
  for (const e of got) {
    if (e.kind === FOLLOW_LIST_KIND) keepNewest(followList, e);
    else if (e.kind === MUTE_LIST_KIND) keepNewest(muteList, e);
    else if (e.kind === METADATA_KIND) rememberProfile(e);
    else if (e.kind === RELAY_LIST_KIND) applyRelayListEvent(e);
    else rememberReaction(e);
  }
  // Names of followed accounts are needed to spot impersonators.
  const followed = follows();
  if (followed.length) await loadProfiles(followed);
  profilesTick.set((n) => n + 1);
  reactionsTick.set((n) => n + 1);
}

/** Forgets everything about the previous user (lock of a NIP-07 session, wipe). */
export function resetSocial(): void {
  forgetProfiles();
  forgetEvents();
  forgetNotes();
  forgetFollowStats();
  forgetNip05();
  liked.clear();
  reposted.clear();
  followList.set(null);
  muteList.set(null);
}
