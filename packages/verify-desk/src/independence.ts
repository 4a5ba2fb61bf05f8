import { GENERIC_REPOST_KIND, REPOST_KIND, isHex64, type NostrEvent } from '@lifeline/nostr';
import type { SourceKind, SourceTarget } from './labels.js';
import type { AccountSignals } from './signals.js';
import { NEAR_DUPLICATE, prepareText, similarity, type MatchText } from './similarity.js';

/*
 * Independence, computed: sources are compared pairwise and credible ones that depend on each
 * other are joined (union-find), so a group of dependent sources counts once. Sources that are
 * not credible (suggestions, contradicting, sockpuppet or impostor authors, missing events) never
 * join groups: otherwise a planted copy could make two real witnesses look dependent.
 */

/** One source attached to a claim, in attachment order. */
export interface SourceInput {
  /** 1-based position shown to people ("source 2"). */
  n: number;
  target: SourceTarget;
  kind: SourceKind;
  stance: 'supports' | 'contradicts';
  /** Attached (or verified) by a desk member; anyone else's is a suggestion. */
  byMember: boolean;
  /** A member marked this primary source verified. */
  verified: boolean;
  /** The intake sender the attaching label names (`intake-sender`); else the event's own tag is used. */
  sender?: string;
  /** The source event, when `target` is an event and it is available. */
  event?: Pick<NostrEvent, 'id' | 'pubkey' | 'kind' | 'tags' | 'content'>;
}

/** Why a source does or does not count: a code the UI words in each language, with its figures. */
export type SourceReason =
  | { code: 'counts' }
  | { code: 'suggestion' }
  | { code: 'contradicts' }
  | { code: 'missing' }
  | { code: 'sockpuppet' | 'suspected_sockpuppet' }
  | { code: 'impostor'; of: string }
  | {
      code: 'linked' | 'duplicate' | 'same_author' | 'same_cluster' | 'same_sender' | 'same_site' | 'same_origin';
      source: number;
    }
  | { code: 'repost_of' | 'quote_of' | 'reply_to' | 'reposted_by' | 'quoted_by' | 'replied_by'; source: number }
  | { code: 'near_duplicate'; source: number; percent: number };

/** A source with its verdict. */
export interface SourceVerdict {
  n: number;
  counts: boolean;
  /** Credible: could count (not a suggestion, not contradicting, author not discredited, available). */
  credible: boolean;
  /** The group it belongs to (the n of the group's first source); 0 when not credible. */
  group: number;
  reasons: SourceReason[];
}

/** Tag name intake gateways put a pseudonymous sender id in (never the number or address). */
export const SENDER_TAG = 'intake-sender';

interface Facts {
  input: SourceInput;
  author?: string;
  refs: Map<string, 'repost_of' | 'quote_of' | 'reply_to'>;
  origin?: string;
  text?: MatchText;
  sender?: string;
  site?: string;
}

function embeddedId(event: NonNullable<SourceInput['event']>): string | undefined {
  try {
    const inner = JSON.parse(event.content) as { id?: unknown };
    return typeof inner.id === 'string' && isHex64(inner.id) ? inner.id : undefined;
  } catch {
    return undefined;
  }
}

function embeddedText(event: NonNullable<SourceInput['event']>): string {
  try {
    const inner = JSON.parse(event.content) as { content?: unknown };
    return typeof inner.content === 'string' ? inner.content : '';
  } catch {
    return '';
  }
}

function factsOf(input: SourceInput): Facts {
  const facts: Facts = { input, refs: new Map(), sender: input.sender };
  if (input.target.type === 'url') {
    try {
      facts.site = new URL(input.target.url).hostname.replace(/^www\./, '');
    } catch {
      // parseDeskLabel only lets valid URLs through; a bad one simply has no site
    }
    return facts;
  }
  const e = input.event;
  if (!e) return facts;
  facts.author = e.pubkey;
  const isRepost = e.kind === REPOST_KIND || e.kind === GENERIC_REPOST_KIND;
  for (const t of e.tags) {
    const id = t[1] ?? '';
    if (!isHex64(id)) continue;
    if (t[0] === 'q' && !facts.refs.has(id)) facts.refs.set(id, 'quote_of');
    else if (t[0] === 'e' && !facts.refs.has(id)) facts.refs.set(id, isRepost ? 'repost_of' : 'reply_to');
  }
  if (isRepost) {
    const inner = embeddedId(e);
    if (inner) facts.refs.set(inner, 'repost_of');
    facts.origin = inner ?? [...facts.refs.keys()][0];
  } else {
    const quoted = [...facts.refs].find(([, r]) => r === 'quote_of');
    if (quoted) facts.origin = quoted[0];
  }
  facts.text = preparedText(e, isRepost);
  facts.sender ??= e.tags.find((t) => t[0] === SENDER_TAG)?.[1] || undefined;
  return facts;
}

// Folded texts per event object: a claim is recomputed often and its events do not change.
const prepared = new WeakMap<object, MatchText>();
function preparedText(e: NonNullable<SourceInput['event']>, isRepost: boolean): MatchText {
  let text = prepared.get(e);
  if (!text) prepared.set(e, (text = prepareText(isRepost ? embeddedText(e) : e.content)));
  return text;
}

const INVERSE = { repost_of: 'reposted_by', quote_of: 'quoted_by', reply_to: 'replied_by' } as const;

/** How `a` depends on the earlier source `b`, or undefined when they look independent. */
function dependence(a: Facts, b: Facts, signals: AccountSignals): SourceReason | undefined {
  const source = b.input.n;
  const ta = a.input.target;
  const tb = b.input.target;
  if (
    (ta.type === 'event' && tb.type === 'event' && ta.id === tb.id) ||
    (ta.type === 'url' && tb.type === 'url' && ta.url === tb.url)
  )
    return { code: 'duplicate', source };
  if (a.site && a.site === b.site) return { code: 'same_site', source };
  // An intake report is the witness's, not the desk member's who signed it: with a sender on
  // either side, the signing key says nothing about who saw what (the sender id does).
  const byWitness = Boolean(a.sender || b.sender);
  if (!byWitness && a.author && a.author === b.author) return { code: 'same_author', source };
  if (tb.type === 'event' && a.refs.has(tb.id)) return { code: a.refs.get(tb.id)!, source };
  if (ta.type === 'event' && b.refs.has(ta.id)) return { code: INVERSE[b.refs.get(ta.id)!], source };
  if (a.origin && a.origin === b.origin) return { code: 'same_origin', source };
  if (a.sender && a.sender === b.sender) return { code: 'same_sender', source };
  if (!byWitness && a.author && b.author) {
    const ca = signals.clusterOf(a.author);
    if (ca !== undefined && ca === signals.clusterOf(b.author)) return { code: 'same_cluster', source };
  }
  if (a.text && b.text) {
    const s = similarity(a.text, b.text);
    if (s >= NEAR_DUPLICATE) return { code: 'near_duplicate', source, percent: Math.round(s * 100) };
  }
  return undefined;
}

/** Why a source cannot count at all, before independence is considered. */
function discredit(f: Facts, signals: AccountSignals): SourceReason[] {
  const out: SourceReason[] = [];
  if (!f.input.byMember) out.push({ code: 'suggestion' });
  if (f.input.stance === 'contradicts') out.push({ code: 'contradicts' });
  if (f.input.target.type === 'event' && !f.input.event) out.push({ code: 'missing' });
  if (f.author) {
    const label = signals.label(f.author);
    if (label === 'sockpuppet' || label === 'suspected_sockpuppet') out.push({ code: label });
    const of = signals.impostorOf(f.author);
    if (of) out.push({ code: 'impostor', of });
  }
  return out;
}

/**
 * Each source's verdict and the number of independent credible supporting sources. Sources are
 * compared with every earlier one (n² over a claim's sources, which the node caps).
 */
export function judgeSources(
  inputs: readonly SourceInput[],
  signals: AccountSignals,
): { verdicts: SourceVerdict[]; independent: number } {
  const facts = inputs.map(factsOf);
  const parent = inputs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const verdicts: SourceVerdict[] = [];
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    const reasons = discredit(f, signals);
    const credible = reasons.length === 0;
    for (let j = 0; j < i; j++) {
      const d = dependence(f, facts[j]!, signals);
      if (!d) continue;
      if (credible && verdicts[j]!.credible) {
        const [ri, rj] = [find(i), find(j)];
        if (ri !== rj) {
          // The earlier root wins, so a group's root is always its first source.
          parent[Math.max(ri, rj)] = Math.min(ri, rj);
          if (!reasons.length) reasons.push(d);
        }
      } else if (!credible && reasons.length < 4) reasons.push(d);
    }
    verdicts.push({ n: f.input.n, counts: false, credible, group: 0, reasons });
  }
  const groups = new Set<number>();
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i]!;
    if (!v.credible) continue;
    const root = find(i);
    v.group = inputs[root]!.n;
    if (root === i) {
      v.counts = true;
      v.reasons = [{ code: 'counts' }];
      groups.add(root);
    } else if (!v.reasons.length) {
      // Independent of everything before it, but a later source tied it to an earlier group.
      v.reasons = [{ code: 'linked', source: v.group }];
    }
  }
  return { verdicts, independent: groups.size };
}
