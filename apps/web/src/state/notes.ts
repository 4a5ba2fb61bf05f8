import {
  bestTranslation,
  groupNotes,
  notesFilters,
  rankTranslations,
  ratingsFilter,
  type PostNotes,
  type SignedEvent,
  type TranslationView,
} from '@lifeline/client';
import {
  buildCommunityNote,
  buildRating,
  buildTranslation,
  COMMUNITY_NOTE_KIND,
  TRANSLATION_KIND,
  type NoteInput,
  type RatingInput,
  type TranslationInput,
} from '@lifeline/nostr';
import { publish, type PublishReport } from './publish.js';
import { pool } from './relays.js';
import { me } from './session.js';
import { createStore } from './store.js';

/*
 * Community notes and translations seen this session, per post or entry, in memory only. Statuses
 * come from labels signed by this node's key (its NIP-11 `self`); the app recomputes nothing.
 */

const RATER_KEY = 'lifeline.notes.rater';
/** Loaded events stay this long before a post's notes are read again. */
const FRESH_MS = 15_000;

/** Bumps when notes, labels or ratings of any post arrive. */
export const notesTick = createStore(0);
/** The node's own pubkey, whose labels decide statuses (null until known, '' if the node has none). */
export const nodePubkey = createStore<string | null>(null);
/** Whether this person chose to rate notes (they then see notes that need ratings). */
export const isRater = createStore<boolean>(readRater());

function readRater(): boolean {
  try {
    return localStorage.getItem(RATER_KEY) === '1';
  } catch {
    return false;
  }
}

/** Opts in or out of rating; remembered on this device (wiped with everything else by "Wipe"). */
export function setRater(on: boolean): void {
  try {
    if (on) localStorage.setItem(RATER_KEY, '1');
    else localStorage.removeItem(RATER_KEY);
  } catch {
    // not remembered; applies to this session
  }
  isRater.set(on);
}

let selfRequest: Promise<string> | undefined;
/** Reads the node's pubkey from its NIP-11 document, once (same origin). */
export function loadNodePubkey(): Promise<string> {
  selfRequest ??= fetch('/', { headers: { accept: 'application/nostr+json' } })
    .then((r) => r.json() as Promise<{ self?: unknown }>)
    .then((info) => (typeof info.self === 'string' ? info.self : ''))
    .catch(() => '')
    .then((pk) => {
      nodePubkey.set(pk);
      return pk;
    });
  return selfRequest;
}

const cache = new Map<string, { events: SignedEvent[]; at: number }>();
const wanted = new Set<string>();
let timer: ReturnType<typeof setTimeout> | undefined;

/** Asks for a post's notes and translations; asks are batched into one query every 100 ms. */
export function wantNotes(postId: string): void {
  const have = cache.get(postId);
  if ((have && Date.now() - have.at < FRESH_MS) || wanted.has(postId)) return;
  wanted.add(postId);
  if (timer !== undefined) return;
  timer = setTimeout(() => {
    timer = undefined;
    const ids = [...wanted];
    wanted.clear();
    void loadNotes(ids);
  }, 100);
}

/** Reads notes, translations, the node's labels and every rating of them for these posts. */
export async function loadNotes(postIds: string[]): Promise<void> {
  const labeler = await loadNodePubkey();
  const first = await pool.query(notesFilters(postIds, labeler || '0'.repeat(64)), { timeoutMs: 6000 }).catch(() => []);
  const rated = first.filter((e) => e.kind === COMMUNITY_NOTE_KIND || e.kind === TRANSLATION_KIND).map((e) => e.id);
  const ratings: SignedEvent[] = [];
  // In slices under relays' cap on values per filter; the user's own ratings asked apart, so a
  // relay's result limit on a busy note never hides which one is theirs.
  for (let i = 0; i < rated.length; i += 500) {
    const ids = rated.slice(i, i + 500);
    const mine = me() ? [{ ...ratingsFilter(ids), authors: [me()] }] : [];
    ratings.push(...(await pool.query([ratingsFilter(ids), ...mine], { timeoutMs: 6000 }).catch(() => [])));
  }
  const root = new Map<string, string>();
  for (const e of first) {
    const r = e.tags.find((x) => x[0] === 'E')?.[1];
    if (r) root.set(e.id, r);
  }
  const at = Date.now();
  for (const id of postIds) cache.set(id, { events: [], at });
  for (const e of first) cache.get(root.get(e.id) ?? '')?.events.push(e);
  for (const e of ratings) {
    const target = e.tags.find((x) => x[0] === 'd')?.[1] ?? '';
    cache.get(root.get(target) ?? '')?.events.push(e);
  }
  notesTick.set((n) => n + 1);
}

/** Everything known about one post's notes and translations. */
export interface PostExtrasData {
  notes: PostNotes;
  translations: TranslationView[];
}

/** The notes and ranked translations of a post, from what was loaded. */
export function postExtras(postId: string): PostExtrasData {
  const events = cache.get(postId)?.events ?? [];
  const labeler = nodePubkey.get() ?? '';
  return {
    notes: groupNotes(events, labeler, me()).get(postId) ?? { helpful: [], needsRatings: [], notHelpful: [] },
    translations: rankTranslations(events, labeler, me()).get(postId) ?? [],
  };
}

/** The translation shown under a post in `lang`, if any qualifies. */
export const shownTranslation = (postId: string, lang: string) =>
  bestTranslation(postExtras(postId).translations, lang);

/** Publishes and shows at once what the user just signed under its post. */
async function publishFor(postId: string, template: Parameters<typeof publish>[0]): Promise<PublishReport> {
  const entry = cache.get(postId) ?? { events: [], at: Date.now() };
  const dOf = (e: { tags: string[][] }) => e.tags.find((x) => x[0] === 'd')?.[1];
  const replaced = entry.events.find(
    (e) => e.kind === template.kind && e.pubkey === me() && dOf(template) !== undefined && dOf(e) === dOf(template),
  );
  // A changed mind within the same second must not tie: on equal times relays keep the lowest id (NIP-01).
  if (replaced) template.created_at = Math.max(template.created_at, replaced.created_at + 1);
  const report = await publish(template);
  // A newer rating replaces this user's older one of the same note (addressable by d).
  const d = report.event.tags.find((x) => x[0] === 'd')?.[1];
  entry.events = entry.events.filter(
    (e) =>
      !(
        d &&
        e.pubkey === report.event.pubkey &&
        e.kind === report.event.kind &&
        e.tags.some((x) => x[0] === 'd' && x[1] === d)
      ),
  );
  entry.events.push(report.event);
  cache.set(postId, entry);
  notesTick.set((n) => n + 1);
  return report;
}

/** Writes a note on a post. */
export const writeNote = (input: NoteInput) => publishFor(input.subject.id, buildCommunityNote(input));
/** Rates a note or translation of `postId`. */
export const rate = (postId: string, input: RatingInput) => publishFor(postId, buildRating(input));
/** Attaches a translation to a post. */
export const translate = (input: TranslationInput) => publishFor(input.subject.id, buildTranslation(input));

/** One of the rater's ratings after the node's last run. */
export interface RatingOutcome {
  rating: string;
  subject: string;
  subjectKind: number;
  root: string;
  helpfulness: string;
  status: string;
  counted: boolean;
  agreed: boolean | null;
}

/** What the node says about this rater's ratings in its last run (`GET /api/notes/rater/<pubkey>`). */
export interface RaterReport {
  scoredAt: number | null;
  included: boolean;
  reason?: string;
  ratings: RatingOutcome[];
}

/** Asks the node (same origin) which of the user's ratings counted. */
export async function loadRaterReport(): Promise<RaterReport> {
  const res = await fetch(`/api/notes/rater/${me()}`, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${res.status}`);
  return (await res.json()) as RaterReport;
}

/** Forgets everything loaded (lock, wipe). */
export function forgetNotes(): void {
  cache.clear();
  wanted.clear();
}
