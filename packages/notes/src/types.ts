// The scorer's public shapes. Field names follow the Community Notes data download and
// scoredNotes.tsv so rows can be compared with the reference output column by column.

/** A rating's helpfulness level, as in the public ratings TSV. */
export type Helpfulness = 'HELPFUL' | 'SOMEWHAT_HELPFUL' | 'NOT_HELPFUL';
/** What the note's author says about the post, as in the public notes TSV. */
export type Classification = 'MISINFORMED_OR_POTENTIALLY_MISLEADING' | 'NOT_MISLEADING';
/** The three statuses the core model outputs. */
export type RatingStatus = 'CURRENTLY_RATED_HELPFUL' | 'CURRENTLY_RATED_NOT_HELPFUL' | 'NEEDS_MORE_RATINGS';

/** One note: who wrote it, when, and whether it says the post is misleading. */
export interface NoteRow {
  noteId: string;
  noteAuthorParticipantId: string;
  createdAtMillis: number;
  classification: Classification;
}

/** One rating of a note (the latest per rater and note; callers deduplicate). */
export interface RatingRow {
  noteId: string;
  raterParticipantId: string;
  createdAtMillis: number;
  helpfulnessLevel: Helpfulness;
  tags?: string[];
}

/** One note's score from the final round. */
export interface ScoredNote {
  noteId: string;
  coreNoteIntercept: number | null;
  coreNoteFactor1: number | null;
  coreRatingStatus: RatingStatus;
  numRatings: number;
  /** which rule decided, e.g. 'GENERAL_CRH', 'INITIAL_NMR', 'NET_HELPFUL_MIN' */
  rule: string;
}

/** One rater's parameters from prescoring and whether their ratings counted. */
export interface ScoredRater {
  raterParticipantId: string;
  coreRaterIntercept: number | null;
  coreRaterFactor1: number | null;
  /** passed the prescoring helpfulness filter, so their ratings counted in the final round */
  included: boolean;
  reason?: string;
}

/** Knobs for one scoring run. */
export interface ScoreOptions {
  seed?: number;
  /** statuses from the previous run, for the CRH inertia band */
  previous?: ReadonlyMap<string, RatingStatus>;
  /** the run's notion of now: notes and ratings created after it are ignored */
  nowMillis?: number;
}

/** Everything one scoring run produces. */
export interface ScoreResult {
  notes: ScoredNote[];
  raters: ScoredRater[];
  /** parts of the published algorithm this port leaves out, stated in every output */
  omitted: string[];
}

/** Scores notes from ratings with the Community Notes core model (implemented in score.ts). */
export declare function scoreNotes(
  notes: readonly NoteRow[],
  ratings: readonly RatingRow[],
  options?: ScoreOptions,
): ScoreResult;
