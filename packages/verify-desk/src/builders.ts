import { LABEL_KIND, type EventTemplate } from '@lifeline/nostr';
import { NS, type AccountLabel, type SourceKind } from './labels.js';

/*
 * Event templates for every desk action (sign them with any signer). Each is a NIP-32 label:
 * ["L", namespace], ["l", value, namespace], its target tags, and the reason or text as content.
 */

const now = () => Math.floor(Date.now() / 1000);
const label = (ns: string, value: string, targets: string[][], content: string, at = now()): EventTemplate => ({
  kind: LABEL_KIND,
  created_at: at,
  tags: [['L', ns], ['l', value, ns], ...targets],
  content,
});

/** Opens a claim on a post, repost or live-blog entry; the target is the claim's first source. */
export function buildClaim(o: {
  target: string;
  targetAuthor?: string;
  text: string;
  lang: string;
  sourceKind?: SourceKind;
  relay?: string;
  at?: number;
}): EventTemplate {
  const t = label(
    NS.claim,
    'open',
    [['e', o.target, o.relay ?? ''], ...(o.targetAuthor ? [['p', o.targetAuthor]] : [])],
    o.text,
    o.at,
  );
  t.tags.push(['L', 'ISO-639-1'], ['l', o.lang, 'ISO-639-1'], ['source', o.sourceKind ?? 'primary']);
  return t;
}

/** Sets a claim's state with a reason. */
export function buildState(o: { claim: string; state: string; reason: string; at?: number }): EventTemplate {
  return label(NS.state, o.state, [['e', o.claim]], o.reason, o.at);
}

/** Attaches a source (an event or a URL) to a claim; by a non-member it is a suggestion. */
export function buildSource(o: {
  claim: string;
  event?: string;
  url?: string;
  kind: SourceKind;
  stance?: 'supports' | 'contradicts';
  verified?: boolean;
  note?: string;
  /** An intake message's pseudonymous sender id: sources with one sender count once. */
  sender?: string;
  at?: number;
}): EventTemplate {
  const target = o.event ? ['e', o.event, '', 'source'] : ['r', o.url ?? ''];
  const t = label(NS.source, o.kind, [['e', o.claim, '', 'claim'], target], o.note ?? '', o.at);
  if (o.stance === 'contradicts') t.tags.push(['stance', 'contradicts']);
  if (o.verified) t.tags.push(['verified', 'true']);
  if (o.sender) t.tags.push(['intake-sender', o.sender]);
  return t;
}

/** Labels an account (trusted, unverified, suspected sockpuppet, sockpuppet) with a reason. */
export function buildAccountLabel(o: {
  pubkey: string;
  label: AccountLabel;
  reason: string;
  at?: number;
}): EventTemplate {
  return label(NS.account, o.label, [['p', o.pubkey]], o.reason, o.at);
}

/** Resolves or dismisses a NIP-56 report in the desk's queue. */
export function buildReportResolution(o: {
  report: string;
  resolution: 'resolved' | 'dismissed';
  reason: string;
  at?: number;
}): EventTemplate {
  return label(NS.report, o.resolution, [['e', o.report]], o.reason, o.at);
}
