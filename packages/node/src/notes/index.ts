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
  type StatusLabel,
} from '@lifeline/nostr';
import type { RatingStatus } from '@lifeline/notes';
import type { EventStore } from '@lifeline/store';
import { badRequest } from '../http/errors.js';
import type { Logger } from '../log.js';
import type { NodeIdentity } from '../node-identity.js';
import { labelsToPublish } from './publish.js';
import { indexRun, raterReport, type RunIndex } from './rater-report.js';
import { readAll } from './read.js';
import { collect } from './rows.js';
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
  /** Mounts `GET /api/notes/rater/<pubkey>`. */
  routes(app: Hono): void;
  /** Scores now (waits for a run already in progress first). */
  run(): Promise<RunSummary>;
  close(): Promise<void>;
}

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
  let running: Promise<RunSummary> | undefined;

  const once = async (): Promise<RunSummary> => {
    const started = Date.now();
    const { signal } = abort;
    const [events, labels] = await Promise.all([
      readAll(store, { kinds: [COMMUNITY_NOTE_KIND, TRANSLATION_KIND, NOTE_RATING_KIND] }, signal),
      readAll(store, { kinds: [LABEL_KIND], authors: [identity.pubkey], '#L': [NOTE_STATUS_NAMESPACE] }, signal),
    ]);
    const input = collect(events);
    const previous = newestStatuses(labels, identity.pubkey);
    const prev = (items: Map<string, unknown>) =>
      [...previous].filter(([id]) => items.has(id)).map(([id, l]): [string, RatingStatus] => [id, l.status]);
    const [notes, translations] = await scoreInThread(
      {
        populations: [
          { notes: input.notes.notes, ratings: input.notes.ratings, previous: prev(input.notes.items) },
          {
            notes: input.translations.notes,
            ratings: input.translations.ratings,
            previous: prev(input.translations.items),
          },
        ],
        seed: SEED,
        nowMillis: Date.now(),
      },
      signal,
    );
    const now = nowSeconds();
    const templates = [
      ...labelsToPublish(notes!.notes, input.notes, previous as ReadonlyMap<string, StatusLabel>, now),
      ...labelsToPublish(translations!.notes, input.translations, previous, now),
    ];
    for (const t of templates) {
      const result = await identity.publish(t);
      if (!result.ok) log.warn('a note status label was refused', { message: result.message });
    }
    const roots = new Map<string, string>();
    for (const pop of [input.notes, input.translations]) for (const [id, item] of pop.items) roots.set(id, item.root);
    last = indexRun(now, notes!, translations!, input.ratingsByRater, roots);
    const summary = {
      notes: input.notes.notes.length,
      translations: input.translations.notes.length,
      ratings: input.notes.ratings.length + input.translations.ratings.length,
      published: templates.length,
      millis: Date.now() - started,
    };
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
      app.get('/api/notes/rater/:pubkey', (c) => {
        const pubkey = c.req.param('pubkey');
        if (!isHex64(pubkey)) throw badRequest('the pubkey must be 64 lowercase hex characters');
        return c.json(raterReport(last, pubkey), 200, { 'cache-control': 'no-store' });
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
