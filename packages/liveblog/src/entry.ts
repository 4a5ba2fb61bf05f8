import { verifyEvent } from 'nostr-tools/pure';
import type { SignedEvent } from './types.js';

/** A post embedded in an entry: shown as its author's words only once its id and signature check out. */
export type Embed = { status: 'verified'; event: SignedEvent } | { status: 'unverified'; reason: string };

/** The editable fields an entry (or a full-state revision) carries. */
export interface EntryFields {
  headline: string;
  /** Safe-Markdown body. */
  body: string;
  /** Attribution: "reader Alex", "fax", "SMS". */
  via?: string;
  keyEvent: boolean;
  images: Array<{ url: string; alt: string }>;
  videos: string[];
  embeds: Embed[];
}

const httpUrl = (u: string | undefined): u is string => typeof u === 'string' && /^https?:\/\/[^\s"'<>]+$/.test(u);

/** Checks an embedded event's JSON: well-formed, id matching its content, valid signature. */
export function checkEmbed(json: string): Embed {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return { status: 'unverified', reason: 'the embedded post is not valid JSON' };
  }
  const e = parsed as Partial<SignedEvent>;
  const shaped =
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.pubkey === 'string' &&
    typeof e.sig === 'string' &&
    typeof e.content === 'string' &&
    Number.isInteger(e.created_at) &&
    Number.isInteger(e.kind) &&
    Array.isArray(e.tags) &&
    e.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'));
  if (!shaped) return { status: 'unverified', reason: 'the embedded post is not a Nostr event' };
  try {
    if (!verifyEvent({ ...(e as SignedEvent) }))
      return { status: 'unverified', reason: "the embedded post's signature or id does not check out" };
  } catch {
    return { status: 'unverified', reason: "the embedded post's signature or id does not check out" };
  }
  return { status: 'verified', event: e as SignedEvent };
}

/** Reads the entry fields from an entry or full-state revision event. */
export function readFields(event: SignedEvent): EntryFields {
  const tag = (name: string) => event.tags.find((t) => t[0] === name)?.[1];
  const via = tag('via')?.trim();
  return {
    headline: (tag('title') ?? '').trim(),
    body: event.content,
    ...(via ? { via } : {}),
    keyEvent: event.tags.some((t) => t[0] === 'key' && t[1] !== '0'),
    images: event.tags.filter((t) => t[0] === 'image' && httpUrl(t[1])).map((t) => ({ url: t[1]!, alt: t[2] ?? '' })),
    videos: event.tags.filter((t) => t[0] === 'video' && httpUrl(t[1])).map((t) => t[1]!),
    embeds: event.tags.filter((t) => t[0] === 'embed' && t[1]).map((t) => checkEmbed(t[1]!)),
  };
}

/** Builds the tags that carry entry fields (the inverse of readFields). */
export function fieldTags(fields: Partial<Omit<EntryFields, 'embeds'>> & { embedJson?: string[] }): string[][] {
  const tags: string[][] = [];
  if (fields.headline) tags.push(['title', fields.headline]);
  if (fields.via) tags.push(['via', fields.via]);
  if (fields.keyEvent) tags.push(['key', '1']);
  for (const img of fields.images ?? []) tags.push(['image', img.url, img.alt]);
  for (const v of fields.videos ?? []) tags.push(['video', v]);
  for (const json of fields.embedJson ?? []) tags.push(['embed', json]);
  return tags;
}
