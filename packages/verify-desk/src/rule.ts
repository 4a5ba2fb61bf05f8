import { DEFAULT_MIN_SOURCES } from '@lifeline/nostr';
import type { SourceVerdict } from './independence.js';
import type { SourceInput } from './independence.js';

/** A desk's confirmation policy (from its kind 30000 list). */
export interface DeskPolicy {
  /** Independent credible supporting sources needed. */
  minSources: number;
  /** One primary source a member verified may confirm alone. */
  primaryConfirms: boolean;
}

/** The 2009 rule: three independent sources, no shortcut. */
export const DEFAULT_POLICY: DeskPolicy = { minSources: DEFAULT_MIN_SOURCES, primaryConfirms: false };

/** Whether a claim may be Confirmed, and the sentence that says why not. */
export interface RuleOutcome {
  met: boolean;
  independent: number;
  needed: number;
  /** How many more independent sources Confirmed needs (0 when met). */
  missing: number;
  /** Met through one verified primary source (the policy's shortcut). */
  byVerifiedPrimary: boolean;
  /** English, for `blocked:` answers and logs; the UI words it from the figures. */
  reason: string;
}

const plural = (n: number) => `${n} independent source${n === 1 ? '' : 's'}`;

/**
 * Confirmed needs at least `minSources` independent credible supporting sources, or, when the
 * policy allows, one counting primary source that a member marked verified.
 */
export function confirmationRule(
  sources: readonly SourceInput[],
  verdicts: readonly SourceVerdict[],
  independent: number,
  policy: DeskPolicy,
): RuleOutcome {
  const needed = policy.minSources;
  const byVerifiedPrimary =
    policy.primaryConfirms &&
    verdicts.some((v, i) => v.credible && sources[i]!.kind === 'primary' && sources[i]!.verified);
  const met = independent >= needed || byVerifiedPrimary;
  const missing = met ? 0 : needed - independent;
  const shortcut = policy.primaryConfirms ? ' or one primary source a member verified' : '';
  const reason = met
    ? byVerifiedPrimary && independent < needed
      ? 'confirmed by one primary source a member verified'
      : `confirmed by ${plural(independent)}`
    : `confirmed by ${plural(independent)}, this desk needs ${needed}${shortcut} (${missing} more)`;
  return { met, independent, needed, missing, byVerifiedPrimary, reason };
}
