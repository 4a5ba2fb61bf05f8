import { isHex64 } from '@lifeline/nostr';
import { blogCoordinate, LIVE_EVENT_KIND } from './kinds.js';
import type { SignedEvent } from './types.js';

/** NIP-53 status values. */
export type BlogStatus = 'planned' | 'live' | 'ended';

/** A live-blog as read from its kind-30311 event. */
export interface Blog {
  event: SignedEvent;
  pubkey: string;
  d: string;
  coordinate: string;
  title: string;
  summary: string;
  image?: string;
  status: BlogStatus;
  starts?: number;
  ends?: number;
  /** IANA zone the blog's times are shown in (Lifeline tag `timezone`; default UTC). */
  timeZone: string;
  /** Language of the coverage (Lifeline tag `lang`; `fa` gives a right-to-left page). */
  lang: string;
  /** Pubkeys whose entries count: the author plus `p` participants with an editor role. */
  editors: Set<string>;
  hashtags: string[];
  /** Coordinates of the day before and after (`a` tags marked `previous` / `next`). */
  previous?: string;
  next?: string;
}

/** Roles (NIP-53 `p` tag 4th value) that may write entries. */
const EDITOR_ROLES = new Set(['host', 'co-host', 'editor']);

const first = (event: SignedEvent, name: string): string | undefined => event.tags.find((t) => t[0] === name)?.[1];

function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Reads a kind-30311 event; unknown or bad values fall back to safe defaults. */
export function parseBlog(event: SignedEvent): Blog {
  const d = first(event, 'd') ?? '';
  const status = first(event, 'status');
  const num = (name: string) => {
    const v = Number(first(event, name));
    return Number.isSafeInteger(v) && v > 0 ? v : undefined;
  };
  const zone = first(event, 'timezone') ?? 'UTC';
  const editors = new Set([event.pubkey]);
  for (const t of event.tags) {
    if (t[0] === 'p' && isHex64(t[1]) && EDITOR_ROLES.has((t[3] ?? '').toLowerCase())) editors.add(t[1]!);
  }
  const linked = (marker: string) =>
    event.tags.find((t) => t[0] === 'a' && t[3] === marker && t[1]?.startsWith(`${LIVE_EVENT_KIND}:`))?.[1];
  const image = first(event, 'image');
  const starts = num('starts');
  const ends = num('ends');
  const previous = linked('previous');
  const next = linked('next');
  return {
    event,
    pubkey: event.pubkey,
    d,
    coordinate: blogCoordinate(event.pubkey, d),
    title: first(event, 'title') ?? 'Untitled live-blog',
    summary: first(event, 'summary') ?? '',
    ...(image && /^https?:\/\//.test(image) ? { image } : {}),
    status: status === 'planned' || status === 'ended' ? status : 'live',
    ...(starts ? { starts } : {}),
    ...(ends ? { ends } : {}),
    timeZone: isZone(zone) ? zone : 'UTC',
    lang: /^[a-z]{2,3}(-[A-Za-z0-9]+)*$/.test(first(event, 'lang') ?? '') ? first(event, 'lang')! : 'en',
    editors,
    hashtags: event.tags.filter((t) => t[0] === 't' && t[1]).map((t) => t[1]!),
    ...(previous ? { previous } : {}),
    ...(next ? { next } : {}),
  };
}

/** True for right-to-left languages the blog may be written in. */
export function isRtl(lang: string): boolean {
  return /^(fa|ar|he|ur|ps|ckb|yi|dv)\b/.test(lang);
}
