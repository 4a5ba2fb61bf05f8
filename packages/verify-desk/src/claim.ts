import type { NostrEvent } from '@lifeline/nostr';
import { DEFAULT_STATES, type DeskLabel, type SourceKind, type SourceTarget } from './labels.js';
import { judgeSources, type SourceInput, type SourceReason } from './independence.js';
import { confirmationRule, type DeskPolicy, type RuleOutcome } from './rule.js';
import type { AccountSignals } from './signals.js';

/** A claim label (the event that opened the claim). */
export type ClaimLabel = Extract<DeskLabel, { type: 'claim' }>;
type StateLabel = Extract<DeskLabel, { type: 'state' }>;
type SourceLabel = Extract<DeskLabel, { type: 'source' }>;

/** Everything one claim is computed from. */
export interface ClaimInput {
  claim: ClaimLabel;
  /** State and source labels naming this claim, by anyone. */
  labels: readonly DeskLabel[];
  /** Source events by id (absent ones are reported missing). */
  events: ReadonlyMap<string, Pick<NostrEvent, 'id' | 'pubkey' | 'kind' | 'tags' | 'content' | 'created_at'>>;
  isMember(pubkey: string): boolean;
  policy: DeskPolicy;
  /** States the desk added to the six defaults. */
  customStates?: readonly string[];
  signals: AccountSignals;
}

/** One source as shown on the claim page. */
export interface SourceView {
  n: number;
  /** The label that attached it (the claim itself for source 1). */
  label: string;
  by: string;
  at: number;
  target: SourceTarget;
  author?: string;
  kind: SourceKind;
  stance: 'supports' | 'contradicts';
  verified: boolean;
  note: string;
  counts: boolean;
  credible: boolean;
  group: number;
  reasons: SourceReason[];
  /** The intake sender the attaching label names: the source is a witness's report the desk published. */
  sender?: string;
}

/** One line of the audit trail ("Sara marked False, 14:02, reason: …"). */
export interface HistoryEntry {
  id: string;
  at: number;
  by: string;
  member: boolean;
  action: 'opened' | 'state' | 'source';
  state?: string;
  source?: number;
  reason: string;
  /** Why a member's state label did not take effect. */
  ignored?: string;
}

/** A claim's computed state. */
export interface ClaimView {
  id: string;
  target: string;
  targetAuthor?: string;
  text: string;
  lang: string;
  openedBy: string;
  openedAt: number;
  /** False when nobody on the desk opened it: a suggested claim. */
  byMember: boolean;
  state: string;
  stateReason: string;
  stateBy?: string;
  stateAt?: number;
  sources: SourceView[];
  rule: RuleOutcome;
  history: HistoryEntry[];
}

const order = (a: { at: number; id: string }, b: { at: number; id: string }) =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Computes a claim's sources (with why each counts), its rule outcome, state and history. */
export function computeClaim(input: ClaimInput): ClaimView {
  const { claim, isMember } = input;
  const sourceLabels = input.labels
    .filter((l): l is SourceLabel => l.type === 'source' && l.claim === claim.id)
    .sort(order);
  const attached = [
    {
      label: claim.id,
      by: claim.by,
      at: claim.at,
      target: { type: 'event', id: claim.target } as SourceTarget,
      kind: claim.sourceKind,
      stance: 'supports' as const,
      verified: false,
      note: '',
    },
    ...sourceLabels.map((l) => ({
      label: l.id,
      by: l.by,
      at: l.at,
      target: l.target,
      kind: l.kind,
      stance: l.stance,
      verified: l.verified,
      note: l.note,
      sender: l.sender,
    })),
  ];
  const inputs: SourceInput[] = attached.map((a, i) => ({
    n: i + 1,
    target: a.target,
    kind: a.kind,
    stance: a.stance,
    byMember: isMember(a.by),
    verified: a.verified && isMember(a.by),
    event: a.target.type === 'event' ? input.events.get(a.target.id) : undefined,
    ...('sender' in a && a.sender ? { sender: a.sender } : {}),
  }));
  const judge = (until: number) => {
    const subset = inputs.filter((_, i) => attached[i]!.at <= until);
    const { verdicts, independent } = judgeSources(subset, input.signals);
    return { verdicts, rule: confirmationRule(subset, verdicts, independent, input.policy) };
  };
  const now = judge(Number.POSITIVE_INFINITY);
  const sources: SourceView[] = attached.map((a, i) => {
    const v = now.verdicts[i]!;
    const ev = inputs[i]!.event;
    return {
      ...a,
      n: i + 1,
      author: ev?.pubkey,
      verified: inputs[i]!.verified,
      counts: v.counts,
      credible: v.credible,
      group: v.group,
      reasons: v.reasons,
    };
  });

  const known = new Set<string>([...DEFAULT_STATES, ...(input.customStates ?? [])]);
  const history: HistoryEntry[] = [
    { id: claim.id, at: claim.at, by: claim.by, member: isMember(claim.by), action: 'opened', reason: claim.text },
  ];
  for (const s of sources.slice(1))
    history.push({
      id: s.label,
      at: s.at,
      by: s.by,
      member: isMember(s.by),
      action: 'source',
      source: s.n,
      reason: s.note,
    });
  let state = 'unstarted';
  let current: StateLabel | undefined;
  const states = input.labels.filter((l): l is StateLabel => l.type === 'state' && l.claim === claim.id).sort(order);
  for (const l of states) {
    const entry: HistoryEntry = {
      id: l.id,
      at: l.at,
      by: l.by,
      member: isMember(l.by),
      action: 'state',
      state: l.state,
      reason: l.reason,
    };
    if (!entry.member) entry.ignored = 'not a desk member';
    else if (!known.has(l.state)) entry.ignored = 'not a state of this desk';
    else if (l.state === 'confirmed') {
      const then = judge(l.at).rule;
      if (!then.met) entry.ignored = then.reason;
    }
    if (!entry.ignored) {
      state = l.state;
      current = l;
    }
    history.push(entry);
  }
  history.sort(order);
  return {
    id: claim.id,
    target: claim.target,
    targetAuthor: claim.targetAuthor,
    text: claim.text,
    lang: claim.lang,
    openedBy: claim.by,
    openedAt: claim.at,
    byMember: isMember(claim.by),
    state,
    stateReason: current?.reason ?? '',
    stateBy: current?.by,
    stateAt: current?.at,
    sources,
    rule: now.rule,
    history,
  };
}

/** The figures a badge shows. */
export interface ClaimBadge {
  claim: string;
  state: string;
  independent: number;
  needed: number;
  missing: number;
}

/** The badge of a computed claim. */
export function badgeOf(view: ClaimView): ClaimBadge {
  return {
    claim: view.id,
    state: view.state,
    independent: view.rule.independent,
    needed: view.rule.needed,
    missing: view.rule.missing,
  };
}
