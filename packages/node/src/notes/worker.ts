import { parentPort, workerData } from 'node:worker_threads';
import { scoreNotes, type NoteRow, type RatingRow, type RatingStatus, type ScoreResult } from '@lifeline/notes';

/** What the scoring thread receives: both populations, their previous statuses, the seed and the clock. */
export interface ScorerJob {
  populations: Array<{ notes: NoteRow[]; ratings: RatingRow[]; previous: Array<[string, RatingStatus]> }>;
  seed: number;
  nowMillis: number;
}

/** What it answers: one result per population, in order. */
export type ScorerAnswer = { ok: true; results: ScoreResult[] } | { ok: false; error: string };

// The thread's whole life: score what it was started with, answer once, end.
const job = workerData as ScorerJob;
let answer: ScorerAnswer;
try {
  answer = {
    ok: true,
    results: job.populations.map((p) =>
      scoreNotes(p.notes, p.ratings, { seed: job.seed, previous: new Map(p.previous), nowMillis: job.nowMillis }),
    ),
  };
} catch (err) {
  answer = { ok: false, error: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(answer);
