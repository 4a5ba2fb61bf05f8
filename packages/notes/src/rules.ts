// The core model's status rules (reference: note_ratings.compute_scored_notes and scoring_rules.py),
// applied in the reference's order, each later rule overriding earlier ones. The reference compares
// float32 parameters with its thresholds in float32, so thresholds are rounded the same way here;
// it only matters for notes sitting exactly on a threshold.
import type { RatingStatus } from './types.js';

const f32 = Math.fround;

/** Thresholds and minimums of the core model (the MFCoreScorer defaults). */
export const THRESHOLDS = {
  minRatingsNeeded: 5,
  crh: 0.4,
  crnhIntercept: -0.05,
  crnhFactorMultiplier: -0.8,
  crnhNotMisleading: -0.15,
  inertiaDelta: 0.01,
  factor: 0.5,
  firmReject: 0.3,
  minMinorityNetHelpful: 4,
  maxMinorityNetHelpfulForBalance: 10,
  minNetHelpfulRatio: 0.05,
  ratioMaxPerSide: 0.4,
  ratioMaxAverage: 0.3,
  ratioMinPerSide: 3,
} as const;

/** Everything the rules look at for one note. */
export interface NoteSignals {
  numRatings: number;
  /** NaN when the note was not fitted */
  intercept: number;
  factor: number;
  /** 1 not misleading, 0 misleading, -1 unknown (treated like the reference's deleted notes) */
  notMisleading: number;
  previous?: RatingStatus;
  /** per factor-sign side, over ratings by raters with parameters (final round only) */
  sides?: SideStats;
}

/** Ratings split by the sign of the rater's factor (negative vs. zero-or-positive). */
export interface SideStats {
  negCount: number;
  posCount: number;
  /** mean helpfulness on each side, NaN when the side has no ratings */
  negMean: number;
  posMean: number;
  /** min over sides of (helpful − not helpful), floored at 0 */
  netMin: number;
  /** netMin / ratings counted */
  netMinRatio: number;
}

/** A rule's verdict: the public status plus the reference's internal one and the deciding rule. */
export interface Verdict {
  status: RatingStatus;
  /** CRH / CRNH / NMR, or the reference's FIRM_REJECT and NEEDS_YOUR_HELP, which publish as NMR */
  internal: RatingStatus | 'FIRM_REJECT' | 'NEEDS_YOUR_HELP';
  rule: string;
}

const CRH: RatingStatus = 'CURRENTLY_RATED_HELPFUL';
const CRNH: RatingStatus = 'CURRENTLY_RATED_NOT_HELPFUL';
const NMR: RatingStatus = 'NEEDS_MORE_RATINGS';

/**
 * Applies the rules to one note. `finalRound` adds the rules the reference runs only when deciding
 * final status (ratio CRNH, inertia, large factor, firm reject, net-helpful minimums).
 */
export function decideStatus(s: NoteSignals, finalRound: boolean): Verdict {
  const t = THRESHOLDS;
  const i = s.intercept;
  const absF = f32(Math.abs(s.factor));
  const enough = s.numRatings >= t.minRatingsNeeded;
  const saysMisleading = s.notMisleading !== 1;
  let internal: Verdict['internal'] = NMR;
  let rule = 'INITIAL_NMR';
  const set = (status: Verdict['internal'], name: string) => {
    internal = status;
    rule = name;
  };

  if (enough && i >= f32(t.crh) && saysMisleading) set(CRH, 'GENERAL_CRH');
  if (enough && i <= f32(f32(t.crnhIntercept) + f32(f32(t.crnhFactorMultiplier) * absF))) set(CRNH, 'GENERAL_CRNH');
  if (finalRound && enough && s.sides && isRatioCrnh(s.sides)) set(CRNH, 'RATIO_CRNH');
  // The reference applies this one without the minimum-ratings check.
  if (i < f32(t.crnhNotMisleading) && s.notMisleading === 1) set(CRNH, 'NM_CRNH');
  if (finalRound) {
    if (internal !== CRH && enough && i >= f32(t.crh - t.inertiaDelta) && s.previous === CRH && saysMisleading) {
      set(CRH, 'GENERAL_CRH_INERTIA');
    }
    if (internal === CRH && absF > t.factor) set('FIRM_REJECT', 'LARGE_FACTOR');
    if (internal !== CRNH && i < f32(t.firmReject)) set('FIRM_REJECT', 'LOW_INTERCEPT');
    const netMin = s.sides?.netMin ?? 0;
    const netRatio = s.sides?.netMinRatio ?? 0;
    if (internal === CRH && netMin < t.minMinorityNetHelpful) set('NEEDS_YOUR_HELP', 'NET_HELPFUL_MIN');
    if (
      internal === CRH &&
      netMin >= t.minMinorityNetHelpful &&
      netMin < t.maxMinorityNetHelpfulForBalance &&
      netRatio < f32(t.minNetHelpfulRatio)
    ) {
      set('NEEDS_YOUR_HELP', 'NET_HELPFUL_RATIO');
    }
  }
  const status: RatingStatus = internal === CRH || internal === CRNH ? internal : NMR;
  return { status, internal, rule };
}

function isRatioCrnh(s: SideStats): boolean {
  const t = THRESHOLDS;
  const neg = f32(s.negMean);
  const pos = f32(s.posMean);
  return (
    Math.min(s.negCount, s.posCount) >= t.ratioMinPerSide &&
    neg <= f32(t.ratioMaxPerSide) &&
    pos <= f32(t.ratioMaxPerSide) &&
    f32(f32(neg + pos) / 2) <= f32(t.ratioMaxAverage)
  );
}
