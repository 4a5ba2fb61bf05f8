import {
  ALL_RELAYS,
  DELETION_KIND,
  GENERIC_REPOST_KIND,
  METADATA_KIND,
  REACTION_KIND,
  REPOST_KIND,
  TEXT_NOTE_KIND,
  VANISH_KIND,
  eventAddress,
  isAddressable,
  isProtected,
  nowSeconds,
} from '@lifeline/nostr';
import type { EventTemplate, SignedEvent } from './types.js';

/** The `a` address of an addressable event, if it is one (replaceable ones are named by e tags). */
function addressOf(e: Pick<SignedEvent, 'kind' | 'pubkey' | 'tags'>): string | undefined {
  return isAddressable(e.kind) ? eventAddress(e) : undefined;
}

/**
 * NIP-18 repost: kind 6 for a kind-1 note, kind 16 (with a k tag) for anything else. The content
 * is the signed original's JSON so readers can verify it without trusting the reposter; protected
 * (NIP-70) originals are referenced only, with empty content.
 */
export function buildRepost(
  original: SignedEvent,
  opts: { relayHint?: string; created_at?: number } = {},
): EventTemplate {
  const kind = original.kind === TEXT_NOTE_KIND ? REPOST_KIND : GENERIC_REPOST_KIND;
  const tags: string[][] = [
    ['e', original.id, opts.relayHint ?? ''],
    ['p', original.pubkey],
  ];
  const address = addressOf(original);
  if (address) tags.push(['a', address]);
  if (kind === GENERIC_REPOST_KIND) tags.push(['k', String(original.kind)]);
  const plain = {
    id: original.id,
    pubkey: original.pubkey,
    created_at: original.created_at,
    kind: original.kind,
    tags: original.tags,
    content: original.content,
    sig: original.sig,
  };
  return {
    kind,
    created_at: opts.created_at ?? nowSeconds(),
    tags,
    content: isProtected(original) ? '' : JSON.stringify(plain),
  };
}

/** NIP-25 reaction (kind 7): '+' is a like; e, p and k tags name the target. */
export function buildReaction(
  target: SignedEvent,
  opts: { content?: string; relayHint?: string; created_at?: number } = {},
): EventTemplate {
  const tags: string[][] = [
    ['e', target.id, opts.relayHint ?? '', target.pubkey],
    ['p', target.pubkey],
  ];
  const address = addressOf(target);
  if (address) tags.push(['a', address]);
  tags.push(['k', String(target.kind)]);
  return { kind: REACTION_KIND, created_at: opts.created_at ?? nowSeconds(), tags, content: opts.content ?? '+' };
}

/**
 * NIP-09 deletion request (kind 5) for my own events: e tags for ids, a tags for addressable ones,
 * k tags for their kinds. Relays honouring it remove the events; copies elsewhere may remain.
 */
export function buildDeletion(
  targets: Array<Pick<SignedEvent, 'id' | 'kind' | 'pubkey' | 'tags'>>,
  opts: { reason?: string; created_at?: number } = {},
): EventTemplate {
  if (targets.length === 0) throw new Error('Nothing to delete.');
  const tags: string[][] = [];
  const kinds = new Set<number>();
  for (const t of targets) {
    tags.push(['e', t.id]);
    const address = addressOf(t);
    if (address) tags.push(['a', address]);
    kinds.add(t.kind);
  }
  for (const k of kinds) tags.push(['k', String(k)]);
  return { kind: DELETION_KIND, created_at: opts.created_at ?? nowSeconds(), tags, content: opts.reason ?? '' };
}

/** NIP-62 request to vanish (kind 62): the named relays, or every relay when none is given. */
export function buildVanishRequest(
  opts: { relays?: string[]; reason?: string; created_at?: number } = {},
): EventTemplate {
  const relays = opts.relays && opts.relays.length > 0 ? opts.relays : [ALL_RELAYS];
  return {
    kind: VANISH_KIND,
    created_at: opts.created_at ?? nowSeconds(),
    tags: relays.map((r) => ['relay', r]),
    content: opts.reason ?? '',
  };
}

/** The profile fields Lifeline publishes; nothing else (no location or time zone, on purpose). */
export interface ProfileFields {
  name?: string;
  display_name?: string;
  about?: string;
  picture?: string;
  banner?: string;
  website?: string;
  /** NIP-05 identifier, `name@domain`. */
  nip05?: string;
}

const PROFILE_KEYS = ['name', 'display_name', 'about', 'picture', 'banner', 'website', 'nip05'] as const;
const URL_KEYS = new Set(['picture', 'banner', 'website']);
const NIP05 = /^[a-z0-9._-]+@[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?$/i;

/** Keeps only name, display_name, about, http(s) picture/banner/website and a well-formed nip05, trimmed. */
function safeProfileFields(input: Record<string, unknown>): ProfileFields {
  const out: ProfileFields = {};
  for (const key of PROFILE_KEYS) {
    const v = input[key];
    if (typeof v !== 'string' || v.trim() === '') continue;
    if (URL_KEYS.has(key) && !/^https?:\/\/\S+$/i.test(v.trim())) continue;
    if (key === 'nip05' && !NIP05.test(v.trim())) continue;
    out[key] = v.trim();
  }
  return out;
}

/**
 * Kind-0 profile with ONLY name, display_name, about, picture, banner, website and nip05: location,
 * time zone and any other field are stripped, because they can identify or locate the writer.
 */
export function buildProfile(fields: Record<string, unknown>, opts: { created_at?: number } = {}): EventTemplate {
  return {
    kind: METADATA_KIND,
    created_at: opts.created_at ?? nowSeconds(),
    tags: [],
    content: JSON.stringify(safeProfileFields(fields)),
  };
}

/** Parses a kind-0 event's content into the safe profile fields (bad JSON gives an empty profile). */
export function parseProfile(event: Pick<SignedEvent, 'content'>): ProfileFields {
  try {
    const v: unknown = JSON.parse(event.content);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? safeProfileFields(v as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
