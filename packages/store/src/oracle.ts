import type { Filter, NostrEvent } from '@lifeline/nostr';
import type { EventStore, ModerationRow, QueryOptions, RemovalTarget, SaveOutcome, StoredEvent } from './index.js';

/*
 * The test oracle, after strfry's dumbFilter.pl: every rule written again from the NIP text in the
 * plainest form, sharing no code with the engines (not @lifeline/nostr's filter, kind or search
 * helpers, not ./rules.ts), so a bug there cannot sit on both sides of a randomized comparison.
 * Every call loops over everything; nothing is indexed or cached. Slow, and meant to be.
 */

/** NIP-01: kinds 0, 3 and 10000-19999 keep one event per author and kind. */
const isReplaceableKind = (k: number) => k === 0 || k === 3 || (k >= 10000 && k < 20000);
/** NIP-01: kinds 30000-39999 keep one event per author, kind and `d` tag. */
const isAddressableKind = (k: number) => k >= 30000 && k < 40000;

/** The `kind:pubkey:d` that a newer event replaces and an `a` tag names (NIP-01, NIP-09). */
function addressOf(e: NostrEvent): string | undefined {
  if (isReplaceableKind(e.kind)) return `${e.kind}:${e.pubkey}:`;
  if (!isAddressableKind(e.kind)) return undefined;
  const d = e.tags.find((t) => t[0] === 'd');
  return `${e.kind}:${e.pubkey}:${d?.[1] ?? ''}`;
}

/** NIP-40: the first `expiration` tag, when it is a plain number of seconds. */
function expiresAt(e: NostrEvent): number | undefined {
  const tag = e.tags.find((t) => t[0] === 'expiration');
  return tag?.[1] !== undefined && /^[0-9]+$/.test(tag[1]) ? Number(tag[1]) : undefined;
}

/** NIP-01 order: newest first, then the lowest id. */
function newestFirst(a: StoredEvent, b: StoredEvent): number {
  if (a.event.created_at !== b.event.created_at) return b.event.created_at - a.event.created_at;
  return a.event.id < b.event.id ? -1 : 1;
}

/** True when the NIP-09 request `req` covers `e`: the same author, by id or by address and time. */
function deletes(req: NostrEvent, e: NostrEvent): boolean {
  if (req.pubkey !== e.pubkey) return false;
  // A deletion of a deletion request has no effect.
  if (e.kind !== 5 && req.tags.some((t) => t[0] === 'e' && t[1] === e.id)) return true;
  const address = addressOf(e);
  return (
    address !== undefined && e.created_at <= req.created_at && req.tags.some((t) => t[0] === 'a' && t[1] === address)
  );
}

/** The id and author a kind-6/16 repost copies, read as docs/protocol.md states it, from scratch. */
function copiedBy(e: NostrEvent): { id: string; pubkey: string } | undefined {
  if (e.kind !== 6 && e.kind !== 16) return undefined;
  const id = e.tags.find((t) => t[0] === 'e')?.[1];
  if (id === undefined || !HEX64.test(id)) return undefined;
  let inner: { id?: unknown; pubkey?: unknown } | undefined;
  try {
    inner = e.content.startsWith('{') ? JSON.parse(e.content) : undefined;
  } catch {
    inner = undefined;
  }
  if (inner?.id === id && typeof inner.pubkey === 'string' && HEX64.test(inner.pubkey))
    return { id, pubkey: inner.pubkey };
  const p = e.tags.find((t) => t[0] === 'p')?.[1];
  return p !== undefined && HEX64.test(p) ? { id, pubkey: p } : undefined;
}

/** True when `req` (kind 5) comes from the author of the event the repost `e` copies and names it. */
function withholds(req: NostrEvent, e: NostrEvent): boolean {
  const copied = copiedBy(e);
  return (
    copied !== undefined && req.pubkey === copied.pubkey && req.tags.some((t) => t[0] === 'e' && t[1] === copied.id)
  );
}

/** True when a NIP-62 vanish of `pubkey` up to `until` covers `e`, gift wraps (NIP-59) to it included. */
function vanished(v: { pubkey: string; until: number }, e: NostrEvent): boolean {
  if (e.created_at > v.until) return false;
  return e.pubkey === v.pubkey || (e.kind === 1059 && e.tags.some((t) => t[0] === 'p' && t[1] === v.pubkey));
}

// NIP-50 search as the contract states it: words of the content and `t` tags, case-folded, Arabic
// letter and digit forms read as the Persian/ASCII ones, invisible joiners and marks dropped; every
// query word must begin some word; `key:value` parts are extensions, not words.
const SPELLINGS: Array<[variants: string, as: string]> = [
  ['يىئ', 'ی'],
  ['ك', 'ک'],
  ['ةۀەہھ', 'ه'],
  ['أإٱآ', 'ا'],
  ['ؤ', 'و'],
  ['٠۰', '0'],
  ['١۱', '1'],
  ['٢۲', '2'],
  ['٣۳', '3'],
  ['٤۴', '4'],
  ['٥۵', '5'],
  ['٦۶', '6'],
  ['٧۷', '7'],
  ['٨۸', '8'],
  ['٩۹', '9'],
];
const SPELLING = new Map(SPELLINGS.flatMap(([variants, as]) => [...variants].map((v) => [v, as] as const)));
const DROPPED = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u0640\u064b-\u065f\u0670]/gu;

function words(text: string): string[] {
  let folded = '';
  for (const ch of text.toLowerCase().replace(DROPPED, '')) {
    folded += SPELLING.get(ch) ?? ch;
  }
  return folded.split(/[^\p{L}\p{N}\p{M}]+/u).filter((w) => w !== '');
}

function matchesSearch(query: string, e: NostrEvent): boolean {
  const wanted = query
    .split(/\s+/u)
    .filter((part) => !/^[a-z][a-z0-9_-]*:[^/\s]/i.test(part))
    .flatMap(words);
  const have = words(e.content);
  for (const t of e.tags) if (t[0] === 't' && t[1] !== undefined) have.push(...words(t[1]));
  return wanted.every((w) => have.some((h) => h.startsWith(w)));
}

/** Lifeline's `t` rule (docs/protocol.md): a hashtag compares as its words would, '#' and spaces around dropped. */
function hashtag(value: string): string {
  let folded = '';
  for (const ch of value
    .replace(/^[#＃]+/u, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(DROPPED, '')) {
    folded += SPELLING.get(ch) ?? ch;
  }
  return folded.trim();
}

/**
 * NIP-01 filter semantics, one condition at a time; `#x` keys are single letters matching a tag's
 * first value, exactly, except `#t`, which compares folded hashtags.
 */
function matches(f: Filter, e: NostrEvent): boolean {
  if (f.ids !== undefined && !f.ids.includes(e.id)) return false;
  if (f.authors !== undefined && !f.authors.includes(e.pubkey)) return false;
  if (f.kinds !== undefined && !f.kinds.includes(e.kind)) return false;
  if (f.since !== undefined && e.created_at < f.since) return false;
  if (f.until !== undefined && e.created_at > f.until) return false;
  for (const [key, values] of Object.entries(f)) {
    if (!key.startsWith('#') || key.length !== 2) continue;
    const same = key === '#t' ? (a: string, b: string) => hashtag(a) === hashtag(b) : (a: string, b: string) => a === b;
    const wanted = values as string[];
    if (!e.tags.some((t) => t[0] === key[1] && t[1] !== undefined && wanted.some((v) => same(v, t[1]!)))) return false;
  }
  return f.search === undefined || matchesSearch(f.search, e);
}

const HEX64 = /^[0-9a-f]{64}$/;

function assertStorable({ event: e, json }: StoredEvent): void {
  const ok =
    HEX64.test(e.id) &&
    HEX64.test(e.pubkey) &&
    Number.isSafeInteger(e.created_at) &&
    Number.isSafeInteger(e.kind) &&
    e.kind >= 0 &&
    typeof e.content === 'string' &&
    typeof json === 'string' &&
    Array.isArray(e.tags) &&
    e.tags.every((t) => Array.isArray(t) && t.every((v) => typeof v === 'string'));
  if (!ok) throw new TypeError(`malformed event ${String(e.id)}`);
  // NIP-01: ephemeral kinds are never stored; passing one is the caller's bug.
  if (e.kind >= 20000 && e.kind < 30000) throw new TypeError(`ephemeral event ${e.id} must not be stored`);
}

/**
 * The reference EventStore for tests: a list in insertion order, the deletion requests and vanish
 * requests it has seen, and linear scans. The randomized contract compares every backend with it.
 */
export class NaiveStore implements EventStore {
  #events: StoredEvent[] = [];
  readonly #deletions: NostrEvent[] = [];
  readonly #vanishes: Array<{ pubkey: string; until: number }> = [];

  /** Saves events in order; a malformed event rejects the whole call. */
  async save(events: StoredEvent[]): Promise<SaveOutcome[]> {
    events.forEach(assertStorable);
    return events.map((s) => this.#saveOne(s));
  }

  #saveOne(s: StoredEvent): SaveOutcome {
    if (this.#events.some((x) => x.event.id === s.event.id)) return { status: 'duplicate' };
    if (this.#refused(s.event)) return { status: 'deleted' };
    const address = addressOf(s.event);
    const current = address === undefined ? undefined : this.#events.find((x) => addressOf(x.event) === address);
    if (current) {
      // NIP-01: the newer one stays; on equal created_at, the lowest id.
      const newer =
        s.event.created_at > current.event.created_at ||
        (s.event.created_at === current.event.created_at && s.event.id < current.event.id);
      if (!newer) return { status: 'superseded' };
      this.#events = this.#events.filter((x) => x !== current);
    }
    this.#events.push(s);
    return { status: 'saved' };
  }

  /** True when a remembered deletion or vanish covers the event. */
  async refuses(event: NostrEvent): Promise<boolean> {
    return this.#refused(event);
  }

  #refused(e: NostrEvent): boolean {
    return (
      this.#deletions.some((req) => deletes(req, e) || withholds(req, e)) ||
      // NIP-62 lets a relay keep the request to vanish itself: it is never refused.
      this.#vanishes.some((v) => vanished(v, e) && !(e.kind === 62 && e.pubkey === v.pubkey))
    );
  }

  /** Each filter: every live match, newest first, cut at its limit; then the union, newest first. */
  async query(filters: Filter[], options: QueryOptions): Promise<StoredEvent[]> {
    const found: StoredEvent[] = [];
    for (const f of filters) {
      const limit = Math.min(f.limit ?? options.maxLimit, options.maxLimit);
      for (const s of this.#live()
        .filter((x) => matches(f, x.event))
        .sort(newestFirst)
        .slice(0, limit)) {
        if (!found.includes(s)) found.push(s);
      }
    }
    return found.sort(newestFirst);
  }

  /** How many live events match any filter, limits ignored (NIP-45). */
  async count(filters: Filter[]): Promise<number> {
    return this.#live().filter((s) => filters.some((f) => matches(f, s.event))).length;
  }

  #live(): StoredEvent[] {
    const now = Math.floor(Date.now() / 1000);
    return this.#events.filter((s) => (expiresAt(s.event) ?? Infinity) > now);
  }

  /** True when the id is stored, expired or not. */
  async has(id: string): Promise<boolean> {
    return this.#events.some((s) => s.event.id === id);
  }

  /** NIP-09: remembers the request and removes what it covers, reposts of what it covers included. */
  async applyDeletion(request: NostrEvent): Promise<number> {
    if (request.kind !== 5) return 0;
    this.#deletions.push(request);
    return this.#remove((e) => deletes(request, e) || withholds(request, e));
  }

  /** NIP-62: remembers the vanish and removes what it covers. */
  async vanish(pubkey: string, until: number): Promise<number> {
    this.#vanishes.push({ pubkey, until });
    return this.#remove((e) => vanished({ pubkey, until }, e));
  }

  /** Operator moderation: removes by id and by author, remembering nothing. */
  async removeEvents(target: RemovalTarget): Promise<number> {
    const ids = new Set(target.ids ?? []);
    const authors = new Set(target.authors ?? []);
    return this.#remove((e) => ids.has(e.id) || authors.has(e.pubkey));
  }

  readonly #moderation = new Map<string, ModerationRow>();

  /** The moderation rows, in insertion order. */
  async moderationRows(): Promise<ModerationRow[]> {
    return [...this.#moderation.values()].map((r) => ({ ...r }));
  }

  /** Upserts and deletes moderation rows. */
  async changeModeration(
    put: readonly ModerationRow[],
    remove: ReadonlyArray<Omit<ModerationRow, 'value'>>,
  ): Promise<void> {
    for (const r of remove) this.#moderation.delete(`${r.list}\0${r.subject}`);
    for (const r of put) this.#moderation.set(`${r.list}\0${r.subject}`, { ...r });
  }

  /** NIP-40: removes events whose expiration is at or before `now`. */
  async purgeExpired(now: number): Promise<number> {
    return this.#remove((e) => (expiresAt(e) ?? Infinity) <= now);
  }

  /** Every stored event in insertion order. */
  async *iterate(): AsyncIterable<StoredEvent> {
    yield* [...this.#events];
  }

  /** Nothing to release. */
  async close(): Promise<void> {}

  #remove(covered: (e: NostrEvent) => boolean): number {
    const before = this.#events.length;
    this.#events = this.#events.filter((s) => !covered(s.event));
    return before - this.#events.length;
  }
}
