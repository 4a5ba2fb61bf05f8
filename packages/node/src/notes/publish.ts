import { buildStatusLabel, nowSeconds, type EventTemplate, type NoteStatus, type StatusLabel } from '@lifeline/nostr';
import type { ScoredNote } from '@lifeline/notes';
import type { Scorable } from './rows.js';

/**
 * The labels a run must publish: one per scored item whose status differs from the node's newest
 * label for it (no label counts as "needs more ratings", so a new note publishes nothing until it
 * is decided). A label's time is after the previous one's, so "newest wins" never ties.
 */
export function labelsToPublish(
  scored: readonly ScoredNote[],
  items: ReadonlyMap<string, Scorable>,
  previous: ReadonlyMap<string, StatusLabel>,
  now = nowSeconds(),
): EventTemplate[] {
  const out: EventTemplate[] = [];
  for (const n of scored) {
    const item = items.get(n.noteId);
    if (!item) continue;
    const before: NoteStatus = previous.get(n.noteId)?.status ?? 'NEEDS_MORE_RATINGS';
    if (before === n.coreRatingStatus) continue;
    const at = Math.max(now, (previous.get(n.noteId)?.createdAt ?? 0) + 1);
    out.push(
      buildStatusLabel(
        {
          subject: item.subject,
          root: item.root,
          status: n.coreRatingStatus,
          intercept: n.coreNoteIntercept,
          factor: n.coreNoteFactor1,
          ratings: n.numRatings,
          rule: n.rule,
        },
        at,
      ),
    );
  }
  return out;
}
