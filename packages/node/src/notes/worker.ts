import { parentPort, workerData } from 'node:worker_threads';
import type { NostrEvent, Subject } from '@lifeline/nostr';
import { scoreNotes, type RatingStatus, type ScoreResult } from '@lifeline/notes';
import { collect, type Population } from './rows.js';

/**
 * What the scoring thread receives: the stored events as their JSON (strings cross threads as a
 * copy of bytes, with no per-field work on the event loop), the previous statuses, seed and clock.
 */
export interface ScorerJob {
  events: string[];
  previous: Array<[string, RatingStatus]>;
  seed: number;
  nowMillis: number;
}

/** A scored item as the node labels it: id, kind, author and the post it is attached to. */
export type ItemRow = [id: string, kind: number, pubkey: string, root: string];

/** What it answers: per population (notes, then translations) the scorer's result, the items and the ratings counted in. */
export type ScorerAnswer =
  | { ok: true; results: ScoreResult[]; items: ItemRow[][]; ratings: number[] }
  | { ok: false; error: string };

const itemRows = (p: Population): ItemRow[] =>
  [...p.items].map(([id, { subject, root }]: [string, { subject: Subject; root: string }]) => [
    id,
    subject.kind,
    subject.pubkey,
    root,
  ]);

// The thread's whole life: parse, turn events into rows, score, answer once, end. Everything that
// grows with the number of ratings happens here, never on the node's event loop.
const job = workerData as ScorerJob;
let answer: ScorerAnswer;
try {
  const input = collect(job.events.map((j) => JSON.parse(j) as NostrEvent));
  const previous = new Map(job.previous);
  const populations = [input.notes, input.translations];
  answer = {
    ok: true,
    results: populations.map((p) =>
      scoreNotes(p.notes, p.ratings, {
        seed: job.seed,
        previous: new Map([...previous].filter(([id]) => p.items.has(id))),
        nowMillis: job.nowMillis,
      }),
    ),
    items: populations.map(itemRows),
    ratings: populations.map((p) => p.ratings.length),
  };
} catch (err) {
  answer = { ok: false, error: err instanceof Error ? err.message : String(err) };
}
parentPort!.postMessage(answer);
