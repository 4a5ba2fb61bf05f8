import { TRANSLATION_KIND, type Helpfulness, type NoteStatus, type Rating } from '@lifeline/nostr';
import type { ScoredNote, ScoredRater, ScoreResult } from '@lifeline/notes';
import type { Scorable } from './rows.js';

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
   * True when the rating entered the final round: the rater passed the helpfulness filter, the
   * item had enough ratings to be scored, and the rating was stored before the run read them.
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
  /** When the run read the store and when it finished (unix seconds). */
  readAt: number;
  scoredAt: number;
  notes: Map<string, ScoredNote>;
  /** Raters of notes, and raters of translations (scored apart). */
  raters: Map<string, ScoredRater>;
  translationRaters: Map<string, ScoredRater>;
  /** Every scored note and translation. */
  items: ReadonlyMap<string, Scorable>;
}

/** Indexes a run's two results (notes, translations) by id. */
export function indexRun(
  times: { readAt: number; scoredAt: number },
  notes: ScoreResult,
  translations: ScoreResult,
  items: ReadonlyMap<string, Scorable>,
): RunIndex {
  const scored = new Map<string, ScoredNote>();
  for (const n of [...notes.notes, ...translations.notes]) scored.set(n.noteId, n);
  return {
    ...times,
    notes: scored,
    raters: new Map(notes.raters.map((r) => [r.raterParticipantId, r])),
    translationRaters: new Map(translations.raters.map((r) => [r.raterParticipantId, r])),
    items,
  };
}

const agrees = (h: Helpfulness, s: NoteStatus) =>
  s === 'NEEDS_MORE_RATINGS'
    ? null
    : (h === 'HELPFUL' && s === 'CURRENTLY_RATED_HELPFUL') ||
      (h === 'NOT_HELPFUL' && s === 'CURRENTLY_RATED_NOT_HELPFUL');

/**
 * A rater's view of the last run: each of their current ratings (read from the store on request,
 * so the run keeps nothing per rating in memory) and whether it counted. Ratings of unknown items
 * and of the rater's own are left out, as the run left them out.
 */
export function raterReport(run: RunIndex | undefined, pubkey: string, ratings: readonly Rating[]): RaterReport {
  if (!run) return { pubkey, scoredAt: null, included: false, reason: 'not scored yet', ratings: [] };
  const noteRater = run.raters.get(pubkey);
  const outcomes = ratings.flatMap((r): RatingOutcome[] => {
    const item = run.items.get(r.subject.id);
    if (!item || item.subject.pubkey === pubkey) return [];
    const scored = run.notes.get(r.subject.id);
    const who = item.subject.kind === TRANSLATION_KIND ? run.translationRaters.get(pubkey) : noteRater;
    const status = scored?.coreRatingStatus ?? 'NEEDS_MORE_RATINGS';
    return [
      {
        rating: r.id,
        subject: r.subject.id,
        subjectKind: item.subject.kind,
        root: item.root,
        helpfulness: r.helpfulness,
        status,
        counted: !!who?.included && !!scored && scored.coreNoteIntercept !== null && r.createdAt <= run.readAt,
        agreed: agrees(r.helpfulness, status),
      },
    ];
  });
  const reason = noteRater?.reason ?? (noteRater ? undefined : 'fewer ratings than the scorer needs (10)');
  return {
    pubkey,
    scoredAt: run.scoredAt,
    included: !!noteRater?.included,
    ...(reason !== undefined && !noteRater?.included ? { reason } : {}),
    ratings: outcomes.sort((a, b) => a.subject.localeCompare(b.subject)),
  };
}
