import { getEventHash } from 'nostr-tools/pure';
import { decode } from 'nostr-tools/nip19';
import { GENERIC_REPOST_KIND, REPOST_KIND, TEXT_NOTE_KIND, isHex64 } from '@lifeline/nostr';
import type { SignedEvent } from './types.js';
import { verifiedEvent } from './verify.js';

/*
 * Reposts and quotes are where fabricated attribution hides: anyone can publish a kind-6 event
 * whose content claims that a trusted source said something. A repost is shown as the original
 * author's words only when the embedded (or fetched) event is signed by that author and is the
 * very event the repost's tags point at.
 */

/** The verdict on a repost or quote. */
export type AuthenticityResult =
  | { status: 'verified'; original: SignedEvent }
  | { status: 'fabricated'; reason: string }
  | { status: 'needs-fetch'; id: string; relays: string[]; pubkey?: string };

function firstTag(e: Pick<SignedEvent, 'tags'>, name: string): string[] | undefined {
  return e.tags.find((t) => t[0] === name && isHex64(t[1]));
}

/** Checks that a candidate original is well-formed, hashes to its id and is validly signed. */
function checkOriginal(candidate: unknown): { ok: true; event: SignedEvent } | { ok: false; reason: string } {
  if (typeof candidate !== 'object' || candidate === null || Array.isArray(candidate)) {
    return { ok: false, reason: 'embedded event is not an event object' };
  }
  const c = candidate as SignedEvent;
  let hash: string;
  try {
    hash = getEventHash(c);
  } catch {
    return { ok: false, reason: 'embedded event is malformed' };
  }
  if (hash !== c.id) return { ok: false, reason: "embedded event's id does not match its content" };
  const event = verifiedEvent(candidate);
  if (!event) return { ok: false, reason: "embedded event's signature is invalid" };
  return { ok: true, event };
}

/**
 * Checks a NIP-18 repost (kind 6 or 16): the embedded original must be validly signed, its id must
 * match its content, and the repost's e and p tags must point at that event and its author. An
 * empty content (allowed by NIP-18) means the original must be fetched by id.
 */
export function checkRepost(repost: SignedEvent): AuthenticityResult {
  if (repost.kind !== REPOST_KIND && repost.kind !== GENERIC_REPOST_KIND)
    return { status: 'fabricated', reason: 'not a repost' };
  const e = firstTag(repost, 'e');
  if (!e) return { status: 'fabricated', reason: 'repost names no event (no e tag)' };
  const p = firstTag(repost, 'p');
  if (repost.content.trim() === '') {
    const r: AuthenticityResult = { status: 'needs-fetch', id: e[1]!, relays: e[2] ? [e[2]] : [] };
    if (p) r.pubkey = p[1]!;
    return r;
  }
  let embedded: unknown;
  try {
    embedded = JSON.parse(repost.content);
  } catch {
    return { status: 'fabricated', reason: 'embedded event is not valid JSON' };
  }
  const checked = checkOriginal(embedded);
  if (!checked.ok) return { status: 'fabricated', reason: checked.reason };
  const original = checked.event;
  if (e[1] !== original.id) return { status: 'fabricated', reason: 'e tag points at a different event' };
  if (p && p[1] !== original.pubkey) return { status: 'fabricated', reason: 'p tag names a different author' };
  if (repost.kind === REPOST_KIND && original.kind !== TEXT_NOTE_KIND) {
    return { status: 'fabricated', reason: 'a kind-6 repost must embed a kind-1 note' };
  }
  return { status: 'verified', original };
}

/**
 * Checks an event fetched for a `needs-fetch` verdict (an empty repost or a quote): it must be the
 * referenced id, validly signed, and by the expected author when the reference names one.
 */
export function checkFetchedOriginal(ref: { id: string; pubkey?: string }, fetched: unknown): AuthenticityResult {
  if (fetched === undefined || fetched === null) {
    return { status: 'needs-fetch', id: ref.id, relays: [] };
  }
  const checked = checkOriginal(fetched);
  if (!checked.ok) return { status: 'fabricated', reason: checked.reason.replace('embedded', 'fetched') };
  if (checked.event.id !== ref.id) return { status: 'fabricated', reason: 'fetched event is not the referenced one' };
  if (ref.pubkey && checked.event.pubkey !== ref.pubkey) {
    return { status: 'fabricated', reason: 'referenced author differs from the signer' };
  }
  return { status: 'verified', original: checked.event };
}

/**
 * The event a quote points at: the NIP-18 `q` tag, else the first nostr:note/nevent in the
 * content. Quotes never embed the original, so the answer is always `needs-fetch` (or none).
 */
export function quoteTarget(
  note: Pick<SignedEvent, 'tags' | 'content'>,
): Extract<AuthenticityResult, { status: 'needs-fetch' }> | undefined {
  const q = firstTag(note, 'q');
  if (q) {
    const r: Extract<AuthenticityResult, { status: 'needs-fetch' }> = {
      status: 'needs-fetch',
      id: q[1]!,
      relays: q[2] ? [q[2]] : [],
    };
    if (isHex64(q[3])) r.pubkey = q[3];
    return r;
  }
  const m = /nostr:((?:note|nevent)1[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+)/i.exec(note.content);
  if (!m) return undefined;
  try {
    const d = decode(m[1]!.toLowerCase());
    if (d.type === 'note') return { status: 'needs-fetch', id: d.data, relays: [] };
    if (d.type === 'nevent') {
      const r: Extract<AuthenticityResult, { status: 'needs-fetch' }> = {
        status: 'needs-fetch',
        id: d.data.id,
        relays: d.data.relays ?? [],
      };
      if (d.data.author) r.pubkey = d.data.author;
      return r;
    }
  } catch {
    // not a decodable reference
  }
  return undefined;
}

// "RT @name:", "RT: @name", "MT @name" — a copy typed by hand, with no signature behind it.
const TEXT_RETWEET = /(?:^|[\s\u200e\u200f\u2066-\u2069(«"“])(?:RT|MT)\s*:?\s*[@＠][^\s:]+/u;

/** True when a note pastes someone else's words as an old-style "RT @name: ..." (unverifiable). */
export function looksLikeTextRetweet(content: string): boolean {
  return TEXT_RETWEET.test(content);
}
