import { TRANSLATION_KIND, type Helpfulness, type NoteStatus, type Rating } from '@lifeline/nostr';
import type { ScoredNote, ScoredRater, ScoreResult } from '@lifeline/notes';

/** One of a rater's ratings after a run: did it go into the model, and did it agree with the outcome. */
export interface RatingOutcome {
  /** The rating event's id and the rated note's (or translation's). */
  rating: string;
  subject: string;
  subjectKind: number;
  /** The post or entry the rated item is attached to. */
  root: string;
  helpfulness: Helpfulness;
  /** The rated item's status after the run. */
  status: NoteStatus;
  /**
   * True when the rating entered the final round: the rater passed the helpfulness filter and the
   * item had enough ratings to be scored. A rating that counted moved the item's score.
   */
  counted: boolean;
  /** For a decided item (helpful or not helpful): did this rating agree with the outcome. */
  agreed: boolean | null;
}

/** What `GET /api/notes/rater/<pubkey>` answers. */
export interface RaterReport {
  pubkey: string;
  /** When the run finished (unix seconds); null before the first run. */
  scoredAt: number | null;
  /** Whether the rater passed the prescoring filters, and why not. */
  included: boolean;
  reason?: string;
  ratings: RatingOutcome[];
}

/** One run's results indexed for reports. */
export interface RunIndex {
  scoredAt: number;
  notes: Map<string, ScoredNote>;
  raters: Map<string, ScoredRater>;
  translationRaters: Map<string, ScoredRater>;
  ratingsByRater: Map<string, Rating[]>;
  /** Post or entry of each note and translation. */
  roots: Map<string, string>;
}

/** Indexes a run's two results (notes, translations) by id. */
export function indexRun(
  scoredAt: number,
  notes: ScoreResult,
  translations: ScoreResult,
  ratingsByRater: Map<string, Rating[]>,
  roots: Map<string, string>,
): RunIndex {
  const scored = new Map<string, ScoredNote>();
  for (const n of [...notes.notes, ...translations.notes]) scored.set(n.noteId, n);
  return {
    scoredAt,
    notes: scored,
    raters: new Map(notes.raters.map((r) => [r.raterParticipantId, r])),
    translationRaters: new Map(translations.raters.map((r) => [r.raterParticipantId, r])),
    ratingsByRater,
    roots,
  };
}

const agrees = (h: Helpfulness, s: NoteStatus) =>
  s === 'NEEDS_MORE_RATINGS'
    ? null
    : (h === 'HELPFUL' && s === 'CURRENTLY_RATED_HELPFUL') ||
      (h === 'NOT_HELPFUL' && s === 'CURRENTLY_RATED_NOT_HELPFUL');

/** A rater's view of the last run: each rating, and whether it counted. */
export function raterReport(run: RunIndex | undefined, pubkey: string): RaterReport {
  if (!run) return { pubkey, scoredAt: null, included: false, reason: 'not scored yet', ratings: [] };
  const noteRater = run.raters.get(pubkey);
  const translationRater = run.translationRaters.get(pubkey);
  const ratings = (run.ratingsByRater.get(pubkey) ?? []).map((r): RatingOutcome => {
    const scored = run.notes.get(r.subject.id);
    const rater = r.subject.kind === TRANSLATION_KIND ? translationRater : noteRater;
    const status = scored?.coreRatingStatus ?? 'NEEDS_MORE_RATINGS';
    return {
      rating: r.id,
      subject: r.subject.id,
      subjectKind: r.subject.kind,
      root: run.roots.get(r.subject.id) ?? '',
      helpfulness: r.helpfulness,
      status,
      counted: !!rater?.included && !!scored && scored.coreNoteIntercept !== null,
      agreed: agrees(r.helpfulness, status),
    };
  });
  const reason = noteRater?.reason ?? (noteRater ? undefined : 'fewer ratings than the scorer needs (10)');
  return {
    pubkey,
    scoredAt: run.scoredAt,
    included: !!noteRater?.included,
    ...(reason !== undefined && !noteRater?.included ? { reason } : {}),
    ratings: ratings.sort((a, b) => a.subject.localeCompare(b.subject)),
  };
}
