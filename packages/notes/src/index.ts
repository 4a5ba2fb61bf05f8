// @lifeline/notes: the Community Notes core scorer, pure (no I/O), safe to run in a worker thread.
// The TSV reader/writer for the public data download is node-only and lives in '@lifeline/notes/tsv'.
export type {
  Classification,
  Helpfulness,
  NoteRow,
  RatingRow,
  RatingStatus,
  ScoredNote,
  ScoredRater,
  ScoreOptions,
  ScoreResult,
} from './types.js';
export { scoreNotes, type CoreScoreOptions, type CoreScoreResult, type ScoreDiagnostics } from './score.js';
export { OMITTED } from './omitted.js';
export { THRESHOLDS } from './rules.js';
