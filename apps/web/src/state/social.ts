import {
  RELAY_LIST_KIND,
  impersonationCheck,
  isMuted as mutedBy,
  parseFollows,
  parseMuteList,
  parseProfile,
  relayListOrDefault,
  type ProfileFields as Profile,
  type SignedEvent,
} from '@lifeline/client';
import { noteRelayListAt, ownRelayUrl, pool, relayList, relayListAt, relayModes, type RelayMode } from './relays.js';
import { sessionState } from './session.js';
import { createStore } from './store.js';

/*
 * What the app remembers about people while it runs: profiles, the user's follow and mute lists,
 * and which posts the user already liked or reposted. Nothing here is written to disk.
 */

const profiles = new Map<string, { profile: Profile; created_at: number }>();
const wanted = new Set<string>();
let batchTimer: ReturnType<typeof setTimeout> | undefined;

/** Bumps when any profile arrives. */
export const profilesTick = createStore(0);
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
const liked = new Set<string>();
const reposted = new Set<string>();
const events = new Map<string, SignedEvent>();

/** Asks for a profile; requests are batched into one query every 150 ms. */
export function wantProfile(pubkey: string): void {
  if (profiles.has(pubkey) || wanted.has(pubkey)) return;
  wanted.add(pubkey);
  batchTimer ??= setTimeout(() => {
    batchTimer = undefined;
    const authors = [...wanted].filter((pk) => !profiles.has(pk));
    if (authors.length) void loadProfiles(authors);
  }, 150);
}

/** Fetches kind-0 profiles for these authors and keeps the newest of each. */
export async function loadProfiles(authors: string[]): Promise<void> {
  const got = await pool.query([{ kinds: [0], authors }], { timeoutMs: 5000 }).catch(() => []);
  for (const e of got) rememberProfile(e);
  profilesTick.set((n) => n + 1);
}

/** Keeps a kind-0 event if it is newer than what we have. */
export function rememberProfile(e: SignedEvent): void {
  const have = profiles.get(e.pubkey);
  if (have && have.created_at >= e.created_at) return;
  profiles.set(e.pubkey, { profile: parseProfile(e), created_at: e.created_at });
}

/** The profile of `pubkey`, if loaded. */
export function profileOf(pubkey: string): Profile | undefined {
  return profiles.get(pubkey)?.profile;
}

/** The display name of `pubkey`, if its profile has one. */
export function displayName(pubkey: string): string | undefined {
  const p = profileOf(pubkey);
  return p?.display_name || p?.name || undefined;
}

/** Pubkeys the user follows (from the newest kind-3 event). */
export function follows(): string[] {
  return parseFollows(followList.get() ?? undefined);
}

/** True when `pubkey` is followed or is the user. */
export function isFollowedOrMe(pubkey: string): boolean {
  return pubkey === sessionState.get().pubkey || follows().includes(pubkey);
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
  const name = displayName(pubkey);
  if (!name) return undefined;
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

/** Records an event the user published so buttons and lists update at once. */
export function noteOwnEvent(e: SignedEvent): void {
  const target = e.tags.find((t) => t[0] === 'e')?.[1];
  if (e.kind === 7 && target) liked.add(target);
  if (e.kind === 6 && target) reposted.add(target);
  if (e.kind === 3) followList.set(e);
  if (e.kind === 10000) muteList.set(e);
  if (e.kind === 0) {
    rememberProfile(e);
    profilesTick.set((n) => n + 1);
  }
  reactionsTick.set((n) => n + 1);
  cacheEvent(e);
  ownEvent.set(e);
}

/** Loads the user's own follow list, mute list, profile and recent likes/reposts after sign-in. */
export async function loadMine(pubkey: string): Promise<void> {
  const got = await pool
    .query([{ kinds: [0, 3, 10000, 10002], authors: [pubkey] }, { kinds: [6, 7], authors: [pubkey], limit: 300 }], { timeoutMs: 6000 })
    .catch(() => []);
  for (const e of got) {
    if (e.kind === 3 && (followList.get()?.created_at ?? -1) < e.created_at) followList.set(e);
    else if (e.kind === 10000 && (muteList.get()?.created_at ?? -1) < e.created_at) muteList.set(e);
    else if (e.kind === 0) rememberProfile(e);
    else if (e.kind === RELAY_LIST_KIND && e.created_at > relayListAt) {
      // NIP-65: read and write wherever the user said; this node stays in the list as well.
      const list = relayListOrDefault(e, [ownRelayUrl()]);
      const urls = [...new Set([ownRelayUrl(), ...list.read, ...list.write])];
      const modes: Record<string, RelayMode> = {};
      for (const u of urls) {
        const r = list.read.includes(u) || u === ownRelayUrl();
        const w = list.write.includes(u) || u === ownRelayUrl();
        modes[u] = r && w ? 'both' : r ? 'read' : 'write';
      }
      relayModes.set(modes);
      relayList.set(urls);
      noteRelayListAt(e.created_at);
    }
    else if (e.kind === 6 || e.kind === 7) {
      const target = e.tags.find((t) => t[0] === 'e')?.[1];
      if (target) (e.kind === 6 ? reposted : liked).add(target);
    }
  }
  // Names of followed accounts are needed to spot impersonators.
  const followed = follows();
  if (followed.length) await loadProfiles(followed);
  profilesTick.set((n) => n + 1);
  reactionsTick.set((n) => n + 1);
}

/** A previously seen event by id. */
export function cachedEvent(id: string): SignedEvent | undefined {
  return events.get(id);
}

/** Remembers an event (bounded, so long sessions do not grow without end). */
export function cacheEvent(e: SignedEvent): void {
  if (events.size > 2000) events.delete(events.keys().next().value!);
  events.set(e.id, e);
}

/** Forgets everything about the previous user (lock of a NIP-07 session, wipe). */
export function resetSocial(): void {
  profiles.clear();
  liked.clear();
  reposted.clear();
  events.clear();
  followList.set(null);
  muteList.set(null);
}
