import { LABEL_KIND, isHex64, type NostrEvent } from '@lifeline/nostr';

/*
 * Every desk action is a NIP-32 label (kind 1985) in one of these namespaces (docs/protocol.md,
 * "Verification desk"). Parsing is strict: a desk label that does not parse is refused by the
 * node and ignored by every reader, so one malformed event never half-applies.
 */

/** NIP-32 namespaces of the desk, one per dimension of its work. */
export const NS = {
  claim: 'lifeline.desk.claim',
  state: 'lifeline.desk.state',
  source: 'lifeline.desk.source',
  account: 'lifeline.desk.account',
  report: 'lifeline.desk.report',
} as const;

/** All desk namespaces, for `#L` filters. */
export const DESK_NAMESPACES: readonly string[] = Object.values(NS);

/** Meedan Check's default statuses (Unstarted, In progress, Confirmed, False, Misleading, Inconclusive). */
export const DEFAULT_STATES = ['unstarted', 'in_progress', 'confirmed', 'false', 'misleading', 'inconclusive'] as const;
/** Account credibility labels; `unverified` is everyone's default. */
export const ACCOUNT_LABELS = ['trusted', 'unverified', 'suspected_sockpuppet', 'sockpuppet'] as const;
/** An account label value. */
export type AccountLabel = (typeof ACCOUNT_LABELS)[number];
/** How a report was settled. */
export const REPORT_RESOLUTIONS = ['resolved', 'dismissed'] as const;

/** Longest claim text, reason or note, in characters. */
export const MAX_TEXT = 1000;
/** Most tags a desk label may carry. */
export const MAX_DESK_TAGS = 16;
/** Longest URL a source may name. */
export const MAX_URL = 2048;

const STATE_VALUE = /^[a-z][a-z0-9_-]{0,31}$/;
const LANG = /^[a-z]{2,3}$/;

/** A parsed desk label; `at` is its created_at, `by` its author. */
export type DeskLabel =
  | {
      type: 'claim';
      id: string;
      by: string;
      at: number;
      target: string;
      targetAuthor?: string;
      text: string;
      lang: string;
      sourceKind: SourceKind;
    }
  | { type: 'state'; id: string; by: string; at: number; claim: string; state: string; reason: string }
  | {
      type: 'source';
      id: string;
      by: string;
      at: number;
      claim: string;
      target: SourceTarget;
      kind: SourceKind;
      stance: 'supports' | 'contradicts';
      verified: boolean;
      note: string;
      /** The intake message's pseudonymous sender (`["intake-sender", id]`), when the source is one. */
      sender?: string;
    }
  | { type: 'account'; id: string; by: string; at: number; pubkey: string; label: AccountLabel; reason: string }
  | {
      type: 'report';
      id: string;
      by: string;
      at: number;
      report: string;
      resolution: 'resolved' | 'dismissed';
      reason: string;
    };

/** Primary: eyewitness, own photo or video; secondary: relayed. */
export type SourceKind = 'primary' | 'secondary';
/** What a source is: a Nostr event (a post, repost, live-blog entry, intake message) or a URL. */
export type SourceTarget = { type: 'event'; id: string } | { type: 'url'; url: string };

/** A desk label's namespace, when `event` is a kind 1985 label in one of the desk's. */
export function deskNamespace(event: Pick<NostrEvent, 'kind' | 'tags'>): string | undefined {
  if (event.kind !== LABEL_KIND) return undefined;
  for (const t of event.tags) if (t[0] === 'L' && DESK_NAMESPACES.includes(t[1] ?? '')) return t[1];
  return undefined;
}

/** The result of parsing: the label, or why the event is not a valid desk label. */
export type ParseResult = { ok: true; label: DeskLabel } | { ok: false; error: string };

const fail = (error: string): ParseResult => ({ ok: false, error });

/**
 * Parses a kind 1985 event in a desk namespace. Errors name the rule broken, for `invalid:`
 * answers; callers check `deskNamespace` first (other labels are none of the desk's business).
 */
export function parseDeskLabel(event: NostrEvent): ParseResult {
  const ns = deskNamespace(event);
  if (!ns) return fail('not a desk label');
  if (event.tags.length > MAX_DESK_TAGS) return fail(`a desk label has at most ${MAX_DESK_TAGS} tags`);
  if ([...event.content].length > MAX_TEXT) return fail(`text is longer than ${MAX_TEXT} characters`);
  if (
    event.tags.filter((t) => t[0] === 'L').length !==
    (event.tags.some((t) => t[0] === 'L' && t[1] === 'ISO-639-1') ? 2 : 1)
  )
    return fail('a desk label names exactly one desk namespace');
  const ls = event.tags.filter((t) => t[0] === 'l' && t[2] === ns);
  if (ls.length !== 1) return fail(`exactly one "l" tag in ${ns} is required`);
  const value = ls[0]![1] ?? '';
  const base = { id: event.id, by: event.pubkey, at: event.created_at };
  const es = event.tags.filter((t) => t[0] === 'e');
  const text = event.content;
  switch (ns) {
    case NS.claim: {
      if (value !== 'open') return fail('a claim label is "open"');
      if (es.length !== 1 || !isHex64(es[0]![1] ?? '')) return fail('a claim targets exactly one event ("e")');
      if (!text.trim()) return fail('a claim needs its text in content');
      const lang = event.tags.find((t) => t[0] === 'l' && t[2] === 'ISO-639-1')?.[1] ?? '';
      if (!LANG.test(lang)) return fail('a claim names its language ("l", "<code>", "ISO-639-1")');
      const p = event.tags.find((t) => t[0] === 'p')?.[1];
      const kind = event.tags.find((t) => t[0] === 'source')?.[1] ?? 'primary';
      if (kind !== 'primary' && kind !== 'secondary') return fail('"source" is primary or secondary');
      return {
        ok: true,
        label: {
          type: 'claim',
          ...base,
          target: es[0]![1]!,
          targetAuthor: p && isHex64(p) ? p : undefined,
          text,
          lang,
          sourceKind: kind,
        },
      };
    }
    case NS.state: {
      if (!STATE_VALUE.test(value)) return fail('a state is lowercase letters, digits, "_" or "-"');
      if (es.length !== 1 || !isHex64(es[0]![1] ?? '')) return fail('a state targets exactly one claim ("e")');
      return { ok: true, label: { type: 'state', ...base, claim: es[0]![1]!, state: value, reason: text } };
    }
    case NS.source: {
      if (value !== 'primary' && value !== 'secondary') return fail('a source is primary or secondary');
      const claim = es.filter((t) => t[3] === 'claim');
      if (claim.length !== 1 || !isHex64(claim[0]![1] ?? ''))
        return fail('a source names exactly one claim ("e", id, relay, "claim")');
      const ev = es.filter((t) => t[3] === 'source');
      const rs = event.tags.filter((t) => t[0] === 'r');
      if (ev.length + rs.length !== 1 || es.length !== 1 + ev.length)
        return fail('a source names exactly one event ("e", id, relay, "source") or one URL ("r")');
      let target: SourceTarget;
      if (ev.length) {
        if (!isHex64(ev[0]![1] ?? '')) return fail('the source event id is not 64 hex characters');
        target = { type: 'event', id: ev[0]![1]! };
      } else {
        const url = rs[0]![1] ?? '';
        if (url.length > MAX_URL || !/^https?:\/\/[^\s/]+/.test(url) || !URL.canParse(url))
          return fail('the source URL is not an http(s) URL');
        target = { type: 'url', url };
      }
      const stance = event.tags.find((t) => t[0] === 'stance')?.[1] ?? 'supports';
      if (stance !== 'supports' && stance !== 'contradicts') return fail('"stance" is supports or contradicts');
      const verified = event.tags.some((t) => t[0] === 'verified' && t[1] === 'true');
      const senders = event.tags.filter((t) => t[0] === 'intake-sender');
      if (senders.length > 1 || (senders[0] && !/^[0-9A-Za-z_-]{1,64}$/.test(senders[0][1] ?? '')))
        return fail('"intake-sender" is at most one id of 1 to 64 letters, digits, "_" or "-"');
      const sender = senders[0]?.[1];
      return {
        ok: true,
        label: {
          type: 'source',
          ...base,
          claim: claim[0]![1]!,
          target,
          kind: value,
          stance,
          verified,
          note: text,
          ...(sender ? { sender } : {}),
        },
      };
    }
    case NS.account: {
      if (!(ACCOUNT_LABELS as readonly string[]).includes(value))
        return fail(`an account label is one of ${ACCOUNT_LABELS.join(', ')}`);
      const ps = event.tags.filter((t) => t[0] === 'p');
      if (ps.length !== 1 || !isHex64(ps[0]![1] ?? '')) return fail('an account label targets exactly one key ("p")');
      return {
        ok: true,
        label: { type: 'account', ...base, pubkey: ps[0]![1]!, label: value as AccountLabel, reason: text },
      };
    }
    default: {
      if (value !== 'resolved' && value !== 'dismissed') return fail('a report is resolved or dismissed');
      if (es.length !== 1 || !isHex64(es[0]![1] ?? ''))
        return fail('a report resolution targets exactly one report ("e")');
      return { ok: true, label: { type: 'report', ...base, report: es[0]![1]!, resolution: value, reason: text } };
    }
  }
}
