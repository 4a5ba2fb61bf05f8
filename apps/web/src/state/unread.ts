import { buildNotifications, notificationsFilter, nowSeconds, parseMuteList, type SignedEvent } from '@lifeline/client';
import { FOLLOW_LIST_KIND } from '@lifeline/nostr';
import { decode, npubEncode } from 'nostr-tools/nip19';
import { pool } from './relays.js';
import { kv } from './session.js';
import { muteList } from './social.js';
import { createStore } from './store.js';

/*
 * The unread badge and new-follower notifications. Relays keep only the newest follow list of each
 * account (kind 3 is replaceable), so "newly follows you" cannot be read from history: the app keeps
 * the followers it has already seen on this device (public keys, public anyway; the panic wipe
 * erases them with everything else) and reports any list naming the user from someone not among them.
 * The first look only records who follows already: that is not news.
 */

/** Someone whose follow list newly includes the user. */
export interface NewFollower {
  pubkey: string;
  /** created_at of the follow list that first named the user. */
  at: number;
  /** When this device noticed it, in milliseconds (unread is counted from this, so a late relay cannot hide it). */
  found: number;
}

/** Followers first seen on this device, newest first (the baseline of the first look is not in it). */
export const newFollowers = createStore<NewFollower[]>([]);
/** Notifications (replies, mentions, reposts, quotes, likes, new followers) since the user last looked. */
export const unreadCount = createStore(0);

// Keys are written as npubs, never 64 hex digits: storage then holds nothing that reads like a secret key.
const FOLLOWERS_KEY = (me: string) => `notifications:followers:${npubEncode(me)}`;
const SEEN_KEY = (me: string) => `notifications:seen:${npubEncode(me)}`;
/** How long after sign-in or unlock the counting starts. */
const START_DELAY_MS = 1500;
/** At most this many follower notifications are kept. */
const KEEP = 200;

let state: {
  me: string;
  /** When the user last looked, in milliseconds (this device's clock only). */
  seen: number;
  /** pubkey → 0 (already following at the first look) or the follower record. */
  known: Map<string, NewFollower | 0> | null;
  events: SignedEvent[];
} | null = null;

/** Starts counting for `me`; returns the stop function (lock, sign-out). */
export function startUnread(me: string): () => void {
  const local = {
    me,
    seen: Date.now(),
    known: null as Map<string, NewFollower | 0> | null,
    events: [] as SignedEvent[],
  };
  state = local;
  let alive = true;
  const subs: Array<{ close(): void }> = [];
  const startedAt = Date.now();
  void (async () => {
    // Not urgent: the first screen's own queries go first (on slow 3G these cost ~0.4 s to the first post).
    await new Promise((resolve) => setTimeout(resolve, START_DELAY_MS));
    if (!alive) return;
    const seen = Number(await kv.get(SEEN_KEY(me)));
    // Never looked on this device: what is already there is not news.
    local.seen = Number.isFinite(seen) && seen > 0 ? seen : startedAt;
    if (!(seen > 0)) await kv.set(SEEN_KEY(me), String(local.seen));
    local.known = readKnown(await kv.get(FOLLOWERS_KEY(me)));
    if (!alive) return;
    const since = Math.floor(local.seen / 1000);
    const initial = await pool
      .query([{ kinds: [FOLLOW_LIST_KIND], '#p': [me], limit: 500 }], { timeoutMs: 8000 })
      .catch(() => undefined);
    if (!alive) return;
    // Only a look that got an answer sets the baseline; offline, the next start tries again.
    if (initial) await noteFollowLists(local, initial, local.known === null ? Math.floor(startedAt / 1000) : 0);
    const first = await pool.query(notificationsFilter(me, { since, limit: 100 }), { timeoutMs: 6000 }).catch(() => []);
    if (!alive) return;
    local.events.push(...first);
    recount(local);
    subs.push(
      pool.subscribe([{ kinds: [FOLLOW_LIST_KIND], '#p': [me], since: nowSeconds() }], (e) => {
        if (alive) void noteFollowLists(local, [e], 0);
      }),
      pool.subscribe(notificationsFilter(me, { since: nowSeconds() }), (e) => {
        if (!alive || local.events.some((x) => x.id === e.id)) return;
        local.events.push(e);
        recount(local);
      }),
    );
  })();
  return () => {
    alive = false;
    for (const s of subs) s.close();
    if (state === local) state = null;
    newFollowers.set([]);
    unreadCount.set(0);
  };
}

/** The user looked at the notifications: everything so far is read. */
export function markNotificationsSeen(): void {
  const s = state;
  if (!s) return;
  s.seen = Date.now();
  s.events = [];
  void kv.set(SEEN_KEY(s.me), String(s.seen));
  recount(s);
}

/** Stored form: `[npub, 0]` for the baseline, `[npub, at, found]` for a new follower. */
type Stored = [string, 0] | [string, number, number];

function readKnown(raw: string | null | undefined): Map<string, NewFollower | 0> | null {
  if (!raw) return null;
  try {
    const known = new Map<string, NewFollower | 0>();
    for (const [npub, at, found] of JSON.parse(raw) as Stored[]) {
      const d = decode(npub);
      if (d.type !== 'npub') continue;
      known.set(d.data, at === 0 || found === undefined ? 0 : { pubkey: d.data, at, found });
    }
    return known;
  } catch {
    return null;
  }
}

function writeKnown(known: Map<string, NewFollower | 0>): string {
  return JSON.stringify(
    [...known].map(([pk, f]): Stored => (f === 0 ? [npubEncode(pk), 0] : [npubEncode(pk), f.at, f.found])),
  );
}

/**
 * Records followers from follow lists naming the user. `baselineBefore` (unix seconds, 0 for none):
 * on the first look, lists older than this are what was already there, not news.
 */
async function noteFollowLists(
  s: NonNullable<typeof state>,
  lists: SignedEvent[],
  baselineBefore: number,
): Promise<void> {
  const known = (s.known ??= new Map());
  let changed = baselineBefore > 0;
  for (const e of lists) {
    if (e.kind !== FOLLOW_LIST_KIND || e.pubkey === s.me || known.has(e.pubkey)) continue;
    if (!e.tags.some((t) => t[0] === 'p' && t[1] === s.me)) continue;
    const old = e.created_at < baselineBefore;
    known.set(e.pubkey, old ? 0 : { pubkey: e.pubkey, at: e.created_at, found: Date.now() });
    changed = true;
  }
  if (!changed) return;
  const followers = [...known.values()].filter((f): f is NewFollower => f !== 0).sort((a, b) => b.found - a.found);
  // Old follower records beyond KEEP are dropped from the list but stay known (as 0), so never reported twice.
  for (const f of followers.slice(KEEP)) known.set(f.pubkey, 0);
  await kv.set(FOLLOWERS_KEY(s.me), writeKnown(known));
  recount(s);
}

function recount(s: NonNullable<typeof state>): void {
  if (state !== s) return;
  const followers = [...(s.known?.values() ?? [])]
    .filter((f): f is NewFollower => f !== 0)
    .sort((a, b) => b.found - a.found || b.at - a.at);
  newFollowers.set(followers);
  const mutes = parseMuteList(muteList.get() ?? undefined);
  // Events read before the last look were dropped from s.events; the rest are compared by second.
  const fresh = buildNotifications(s.events, s.me, mutes).filter(
    (n) => n.event.created_at >= Math.floor(s.seen / 1000),
  );
  unreadCount.set(fresh.length + followers.filter((f) => f.found > s.seen).length);
}
