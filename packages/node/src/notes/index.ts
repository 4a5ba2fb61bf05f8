import type { Hono } from 'hono';
import type { Config } from '@lifeline/config';
import {
  COMMUNITY_NOTE_KIND,
  LABEL_KIND,
  NOTE_RATING_KIND,
  NOTE_STATUS_NAMESPACE,
  TRANSLATION_KIND,
  isHex64,
  newestStatuses,
  nowSeconds,
  parseRating,
} from '@lifeline/nostr';
import type { RatingStatus, ScoreResult } from '@lifeline/notes';
import type { EventStore } from '@lifeline/store';
import { badRequest } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { NodeIdentity } from '../node-identity.js';
import { labelsToPublish } from './publish.js';
import { indexRun, raterReport, type RunIndex } from './rater-report.js';
import { readAll } from './read.js';
import type { Scorable } from './rows.js';
import { scoreInThread } from './scorer-thread.js';

export type { RaterReport } from './rater-report.js';

/** The settings community notes read. */
export type NotesSettings = Pick<Config, 'notesScoreIntervalSeconds'>;

/** What scoring needs from the node. */
export interface NotesDeps {
  store: EventStore;
  identity: Pick<NodeIdentity, 'pubkey' | 'publish'>;
  log: Logger;
}

/** One run's figures. */
export interface RunSummary {
  notes: number;
  translations: number;
  ratings: number;
  published: number;
  millis: number;
}

/** Community notes on a node: scheduled scoring, status labels, and the rater's read API. */
export interface NotesService {
  /** Mounts `GET /api/notes` (the last run) and `GET /api/notes/rater/<pubkey>`. */
  routes(app: Hono): void;
  /** Scores now (waits for a run already in progress first). */
  run(): Promise<RunSummary>;
  close(): Promise<void>;
}

/** Most ratings one report lists (the rater's newest). */
const MAX_REPORT = 5000;

// Fixed, so the same events always give the same statuses on every node.
const SEED = 42;

/**
 * Scores notes and translations every `notesScoreIntervalSeconds` in a worker thread and publishes
 * each changed status as a NIP-32 label signed by the node. Runs never overlap; a failed run is
 * logged and the next one tries again.
 */
export function startNotes(deps: NotesDeps, settings: NotesSettings): NotesService {
  const { store, identity, log } = deps;
  const abort = new AbortController();
  let last: RunIndex | undefined;
  let lastSummary: (RunSummary & { scoredAt: number; omitted: string[] }) | undefined;
  let running: Promise<RunSummary> | undefined;

  const once = async (): Promise<RunSummary> => {
    const started = Date.now();
    const readAt = nowSeconds();
    const { signal } = abort;
    const [stored, labels] = await Promise.all([
      readAll(store, { kinds: [COMMUNITY_NOTE_KIND, TRANSLATION_KIND, NOTE_RATING_KIND] }, signal),
      readAll(store, { kinds: [LABEL_KIND], authors: [identity.pubkey], '#L': [NOTE_STATUS_NAMESPACE] }, signal),
    ]);
    const previous = newestStatuses(
      labels.map((s) => s.event),
      identity.pubkey,
    );
    const scored = await scoreInThread(
      {
        events: stored.map((s) => s.json),
        previous: [...previous].map(([id, l]): [string, RatingStatus] => [id, l.status]),
        seed: SEED,
        nowMillis: Date.now(),
      },
      signal,
    );
    const [notes, translations] = scored.results as [ScoreResult, ScoreResult];
    const items = new Map<string, Scorable>();
    for (const rows of scored.items)
      for (const [id, kind, pubkey, root] of rows) items.set(id, { subject: { id, kind, pubkey }, root });
    const now = nowSeconds();
    const templates = [
      ...labelsToPublish(notes.notes, items, previous, now),
      ...labelsToPublish(translations.notes, items, previous, now),
    ];
    for (const t of templates) {
      const result = await identity.publish(t);
      if (!result.ok) log.warn('a note status label was refused', { message: result.message });
    }
    last = indexRun({ readAt, scoredAt: now }, notes, translations, items);
    const summary = {
      notes: notes.notes.length,
      translations: translations.notes.length,
      ratings: scored.ratings.reduce((a, b) => a + b, 0),
      published: templates.length,
      millis: Date.now() - started,
    };
    lastSummary = { scoredAt: now, ...summary, omitted: notes.omitted };
    log.debug('notes scored', { ...summary });
    return summary;
  };

  const run = async (): Promise<RunSummary> => {
    while (running) await running.catch(() => undefined);
    const p = once();
    running = p;
    try {
      return await p;
    } finally {
      running = undefined;
    }
  };

  const tick = () => {
    if (running || abort.signal.aborted) return;
    run().catch((err: Error) => {
      if (!abort.signal.aborted) log.warn('notes scoring failed', { error: err.message });
    });
  };
  const every = settings.notesScoreIntervalSeconds;
  const timer = every > 0 ? setInterval(tick, every * 1000) : undefined;
  // The first run soon after start, so raters need not wait a whole interval after a restart.
  const first = every > 0 ? setTimeout(tick, Math.min(every, 10) * 1000) : undefined;
  timer?.unref();
  first?.unref();

  return {
    routes(app) {
      // The last run: when, how much, and which parts of the published algorithm the scorer leaves out.
      app.get('/api/notes', (c) =>
        c.json({ labeler: identity.pubkey, lastRun: lastSummary ?? null }, 200, { 'cache-control': 'no-store' }),
      );
      app.get('/api/notes/rater/:pubkey', async (c) => {
        const pubkey = c.req.param('pubkey');
        if (!isHex64(pubkey)) throw badRequest('the pubkey must be 64 lowercase hex characters');
        const run = last;
        // The rater's current ratings, one per rated item (addressable), newest first.
        const ratings = run
          ? (
              await store.query([{ kinds: [NOTE_RATING_KIND], authors: [pubkey], limit: MAX_REPORT }], {
                maxLimit: MAX_REPORT,
              })
            )
              .map((s) => parseRating(s.event))
              .flatMap((p) => (p.ok ? [p.value] : []))
          : [];
        return c.json(raterReport(run, pubkey, ratings), 200, { 'cache-control': 'no-store' });
      });
    },
    run,
    async close() {
      clearInterval(timer);
      clearTimeout(first);
      abort.abort(new Error('the node is closing'));
      await running?.catch(() => undefined);
    },
  };
}
