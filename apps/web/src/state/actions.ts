import {
  buildDeletion,
  buildFollowList,
  buildMuteList,
  buildNote,
  buildProfile,
  buildReaction,
  buildRelayList,
  buildRepost,
  buildVanishRequest,
  type SignedEvent,
} from '../pending.js';
import { fetchEvent, me, publish, send } from './publish.js';
import { pool, relayList, type PublishReport } from './relays.js';
import { followList, muteList, mutedPubkeys } from './social.js';

/** Posts a note, reply (NIP-10) or quote (q tag), with an optional content warning (NIP-36). */
export function post(input: { content: string; replyTo?: SignedEvent; quote?: SignedEvent; contentWarning?: string }): Promise<PublishReport> {
  const template = buildNote({ ...input, me: me() });
  // The quoted author is tagged so a '#p' subscription notifies them (the builder adds only q).
  const q = input.quote;
  if (q && q.pubkey !== me() && !template.tags.some((t) => t[0] === 'p' && t[1] === q.pubkey)) template.tags.push(['p', q.pubkey]);
  return publish(template);
}

/** Reposts (NIP-18 kind 6) with the signed original embedded. */
export function repost(original: SignedEvent): Promise<PublishReport> {
  return publish(buildRepost(original));
}

/** Likes (NIP-25 "+"). */
export function like(target: SignedEvent): Promise<PublishReport> {
  return publish(buildReaction(target));
}

/** Asks relays to delete one of the user's posts (NIP-09). */
export function deletePost(target: SignedEvent): Promise<PublishReport> {
  return publish(buildDeletion([target]));
}

/**
 * "Delete everything": a NIP-09 deletion for every own event the relays return, then a NIP-62
 * request to vanish addressed to each relay. Returns how many events were named.
 */
export async function deleteEverything(): Promise<number> {
  const mine = await pool.query([{ authors: [me()] }], { timeoutMs: 8000 });
  for (let i = 0; i < mine.length; i += 200) await publish(buildDeletion(mine.slice(i, i + 200)));
  await publish(buildVanishRequest({ relays: relayList.get() }));
  return mine.length;
}

/**
 * Follows or unfollows. The newest follow list is fetched from the relays first and the change is
 * applied to it, so an older or empty list never overwrites a newer one.
 */
export async function setFollow(pubkey: string, follow: boolean): Promise<PublishReport> {
  const latest = await newest(3, followList.get());
  const tags = (latest?.tags ?? []).filter((t) => !(t[0] === 'p' && t[1] === pubkey));
  if (follow) tags.push(['p', pubkey]);
  return publish(buildFollowList(latest, tags));
}

/** Mutes or unmutes an account (NIP-51 kind 10000), starting from the newest list on the relays. */
export async function setMute(pubkey: string, mute: boolean): Promise<PublishReport> {
  const latest = await newest(10000, muteList.get());
  const others = mutedPubkeys().filter((pk) => pk !== pubkey);
  return publish(buildMuteList(latest, mute ? [...others, pubkey] : others));
}

/** Mutes an account. */
export function mute(pubkey: string): Promise<PublishReport> {
  return setMute(pubkey, true);
}

async function newest(kind: number, known: SignedEvent | null): Promise<SignedEvent | null> {
  const got = await pool.query([{ kinds: [kind], authors: [me()], limit: 1 }], { timeoutMs: 5000 });
  const best = [known, ...got].filter((e): e is SignedEvent => !!e).sort((a, b) => b.created_at - a.created_at)[0];
  return best ?? null;
}

/** Publishes the user's profile: name, about, picture (no location or time-zone fields, by design). */
export function saveProfile(p: { name: string; about: string; picture: string }): Promise<PublishReport> {
  return publish(buildProfile(p));
}

/** Replaces the relay list (NIP-65 kind 10002) and publishes it. */
export async function saveRelays(urls: string[]): Promise<PublishReport> {
  relayList.set(urls);
  return publish(buildRelayList(urls.map((url) => ({ url, read: true, write: true }))));
}

/** Re-sends a signed event (outbox). */
export { send as resend, fetchEvent as fetchOne };
