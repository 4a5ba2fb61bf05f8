import { parseProfile, type ProfileFields as Profile, type SignedEvent } from '@lifeline/client';
import { pool } from './relays.js';
import { createStore } from './store.js';
import { METADATA_KIND } from '@lifeline/nostr';

/* Kind-0 profiles seen while the app runs, fetched in batches. Nothing here is written to disk. */

const profiles = new Map<string, { profile: Profile; created_at: number }>();
const wanted = new Set<string>();
let batchTimer: ReturnType<typeof setTimeout> | undefined;

/** Bumps when any profile arrives. */
export const profilesTick = createStore(0);

/** Asks for a profile; requests are batched into one query every 150 ms. */
export function wantProfile(pubkey: string): void {
  if (profiles.has(pubkey) || wanted.has(pubkey)) return;
  wanted.add(pubkey);
  if (batchTimer !== undefined) return;
  batchTimer = setTimeout(() => {
    batchTimer = undefined;
    const authors = [...wanted].filter((pk) => !profiles.has(pk));
    if (authors.length) void loadProfiles(authors);
  }, 150);
}

/** Fetches kind-0 profiles for these authors and keeps the newest of each. */
export async function loadProfiles(authors: string[]): Promise<void> {
  const got = await pool.query([{ kinds: [METADATA_KIND], authors }], { timeoutMs: 5000 }).catch(() => []);
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

/** Forgets every profile (lock of a NIP-07 session, wipe). */
export function forgetProfiles(): void {
  profiles.clear();
  // Otherwise the next account would never load these again.
  wanted.clear();
}
