import type { EventTemplate, NostrEvent } from './types.js';
import { isHex64 } from './hex.js';
import { nowSeconds } from './event.js';
import { COMMUNITY_NOTE_KIND, LABEL_KIND, NOTE_RATING_KIND, TRANSLATION_KIND } from './kinds.js';

/*
 * Community notes (docs/protocol.md, "Community notes and translations"): a note on a post or
 * live-blog entry (kind 1314, NIP-22 scope tags), a rating of a note or translation (addressable
 * kind 31314, `d` = the rated event's id, so a rater's newer rating replaces the older), and the
 * node's verdict on a note (a NIP-32 kind-1985 label signed by the node's key).
 */

/** How helpful a rater found a note (the Community Notes data download's values). */
export type Helpfulness = 'HELPFUL' | 'SOMEWHAT_HELPFUL' | 'NOT_HELPFUL';
/** What a note says about its post. */
export type NoteClassification = 'MISINFORMED_OR_POTENTIALLY_MISLEADING' | 'NOT_MISLEADING';
/** The scorer's verdict on a note, published by the node. */
export type NoteStatus = 'CURRENTLY_RATED_HELPFUL' | 'CURRENTLY_RATED_NOT_HELPFUL' | 'NEEDS_MORE_RATINGS';

/** The helpfulness levels, best first. */
export const HELPFULNESS: readonly Helpfulness[] = ['HELPFUL', 'SOMEWHAT_HELPFUL', 'NOT_HELPFUL'];
/** The two classifications. */
export const CLASSIFICATIONS: readonly NoteClassification[] = [
  'MISINFORMED_OR_POTENTIALLY_MISLEADING',
  'NOT_MISLEADING',
];
/** The three statuses. */
export const NOTE_STATUSES: readonly NoteStatus[] = [
  'CURRENTLY_RATED_HELPFUL',
  'CURRENTLY_RATED_NOT_HELPFUL',
  'NEEDS_MORE_RATINGS',
];
/** Reason tags a rater may give with a helpful (or somewhat helpful) rating: the data download's column names. */
export const HELPFUL_REASONS = [
  'helpfulClear',
  'helpfulGoodSources',
  'helpfulAddressesClaim',
  'helpfulImportantContext',
  'helpfulUnbiasedLanguage',
] as const;
/** Reason tags a rater may give with a not helpful (or somewhat helpful) rating. */
export const NOT_HELPFUL_REASONS = [
  'notHelpfulIncorrect',
  'notHelpfulSourcesMissingOrUnreliable',
  'notHelpfulMissingKeyPoints',
  'notHelpfulHardToUnderstand',
  'notHelpfulArgumentativeOrBiased',
  'notHelpfulSpamHarassmentOrAbuse',
  'notHelpfulIrrelevantSources',
  'notHelpfulOpinionSpeculation',
  'notHelpfulNoteNotNeeded',
] as const;
/** Any reason tag. */
export type RatingReason = (typeof HELPFUL_REASONS)[number] | (typeof NOT_HELPFUL_REASONS)[number];

/** NIP-32 namespaces of Lifeline's labels. */
export const NOTE_CLASSIFICATION_NAMESPACE = 'lifeline.note.classification';
/** Namespace of a rating's helpfulness label. */
export const RATING_NAMESPACE = 'lifeline.rating';
/** Namespace of a rating's reason labels. */
export const RATING_REASON_NAMESPACE = 'lifeline.rating.reason';
/** Namespace of the node's status labels. */
export const NOTE_STATUS_NAMESPACE = 'lifeline.note.status';

/** Longest note text, in characters (sources are tags, not text). */
export const MAX_NOTE_LENGTH = 1000;
/** Most sources on one note. */
export const MAX_NOTE_SOURCES = 10;

/** The event a note, translation or rating is about. */
export interface Subject {
  id: string;
  kind: number;
  pubkey: string;
}

/** Why an input or an event was refused: a code for the UI's strings, and a sentence. */
export interface NotesError {
  ok: false;
  code: string;
  message: string;
}
/** A parse or validation result. */
export type Parsed<T> = { ok: true; value: T } | NotesError;

const fail = (code: string, message: string): NotesError => ({ ok: false, code, message });

/** Thrown by the builders for input the UI should have refused; `code` names the rule. */
export class NotesInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'NotesInputError';
  }
}

const orThrow = <T>(p: Parsed<T>): T => {
  if (!p.ok) throw new NotesInputError(p.code, p.message);
  return p.value;
};

function checkSubject(s: Subject, what: string): Parsed<Subject> {
  if (!isHex64(s.id)) return fail('bad-subject', `${what} id must be 64 lowercase hex characters`);
  if (!isHex64(s.pubkey)) return fail('bad-subject', `${what} author must be 64 lowercase hex characters`);
  if (!Number.isInteger(s.kind) || s.kind < 0 || s.kind > 65535)
    return fail('bad-subject', `${what} kind must be an integer from 0 to 65535`);
  return { ok: true, value: s };
}

/**
 * NIP-22 scope tags for a top-level comment on `s`: root (E/K/P) and parent (e/k/p) are the same
 * event. The `p` tag lets the post's author find notes and translations of their post.
 */
export function scopeTags(s: Subject): string[][] {
  return [
    ['E', s.id, '', s.pubkey],
    ['K', String(s.kind)],
    ['P', s.pubkey],
    ['e', s.id, '', s.pubkey],
    ['k', String(s.kind)],
    ['p', s.pubkey],
  ];
}

/** Reads the NIP-22 root scope (E, K, P) of a note or translation. */
export function parseScope(event: Pick<NostrEvent, 'tags'>): Parsed<Subject> {
  const tag = (name: string) => event.tags.find((t) => t[0] === name);
  const id = tag('E')?.[1] ?? '';
  const kind = Number(tag('K')?.[1] ?? Number.NaN);
  const pubkey = tag('P')?.[1] ?? tag('E')?.[3] ?? '';
  return checkSubject({ id, kind, pubkey }, 'the post');
}

/** The NIP-32 label values of `namespace` that an event carries about itself. */
export function selfLabels(event: Pick<NostrEvent, 'tags'>, namespace: string): string[] {
  if (!event.tags.some((t) => t[0] === 'L' && t[1] === namespace)) return [];
  return event.tags.filter((t) => t[0] === 'l' && t[2] === namespace && t[1] !== undefined).map((t) => t[1]!);
}

/** What a note writer supplies. */
export interface NoteInput {
  subject: Subject;
  classification: NoteClassification;
  text: string;
  /** http(s) links. */
  links?: string[];
  /** Ids of events the note cites (decoded from nevent/note references by the caller). */
  refs?: string[];
}

/** A note as read from a kind-1314 event. */
export interface CommunityNote extends Required<Omit<NoteInput, 'subject'>> {
  id: string;
  author: string;
  createdAt: number;
  subject: Subject;
}

/** True for an absolute http(s) URL without spaces. */
export function isWebLink(url: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(url)) return false;
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

/** Checks a note before it is built: text length, sources, subject. */
export function validateNoteInput(input: NoteInput): Parsed<NoteInput> {
  const subject = checkSubject(input.subject, 'the post');
  if (!subject.ok) return subject;
  if (!CLASSIFICATIONS.includes(input.classification))
    return fail('bad-classification', 'a note says whether the post is misleading or not');
  const text = input.text.trim();
  if (!text) return fail('empty-text', 'a note needs text');
  if ([...text].length > MAX_NOTE_LENGTH)
    return fail('too-long', `a note is at most ${MAX_NOTE_LENGTH} characters; put sources in their own field`);
  const links = input.links ?? [];
  const refs = input.refs ?? [];
  const badLink = links.find((l) => !isWebLink(l));
  if (badLink !== undefined) return fail('bad-link', `not an http(s) link: ${badLink}`);
  const badRef = refs.find((r) => !isHex64(r));
  if (badRef !== undefined) return fail('bad-ref', `not an event id: ${badRef}`);
  if (links.length + refs.length > MAX_NOTE_SOURCES)
    return fail('too-many-sources', `a note cites at most ${MAX_NOTE_SOURCES} sources`);
  return { ok: true, value: { ...input, text, links, refs } };
}

/** The kind-1314 template for a note; throws NotesInputError on input `validateNoteInput` refuses. */
export function buildCommunityNote(input: NoteInput, createdAt = nowSeconds()): EventTemplate {
  const v = orThrow(validateNoteInput(input));
  const tags = [
    ...scopeTags(v.subject),
    ['L', NOTE_CLASSIFICATION_NAMESPACE],
    ['l', v.classification, NOTE_CLASSIFICATION_NAMESPACE],
    ...v.links!.map((url) => ['r', url]),
    ...v.refs!.map((id) => ['q', id]),
  ];
  return { kind: COMMUNITY_NOTE_KIND, created_at: createdAt, tags, content: v.text };
}

/** Reads a kind-1314 event; anything malformed is refused with the reason. */
export function parseCommunityNote(event: NostrEvent): Parsed<CommunityNote> {
  if (event.kind !== COMMUNITY_NOTE_KIND) return fail('wrong-kind', `a note is kind ${COMMUNITY_NOTE_KIND}`);
  const subject = parseScope(event);
  if (!subject.ok) return subject;
  const [classification, ...extra] = selfLabels(event, NOTE_CLASSIFICATION_NAMESPACE);
  if (extra.length > 0) return fail('bad-classification', 'a note has one classification');
  const input = validateNoteInput({
    subject: subject.value,
    classification: classification as NoteClassification,
    text: event.content,
    links: event.tags.filter((t) => t[0] === 'r').map((t) => t[1] ?? ''),
    refs: event.tags.filter((t) => t[0] === 'q').map((t) => t[1] ?? ''),
  });
  if (!input.ok) return input;
  const { text, links, refs } = input.value;
  return {
    ok: true,
    value: {
      id: event.id,
      author: event.pubkey,
      createdAt: event.created_at,
      subject: subject.value,
      classification: input.value.classification,
      text,
      links: links!,
      refs: refs!,
    },
  };
}

/** What a rater supplies: the note or translation, how helpful, and optional reasons. */
export interface RatingInput {
  subject: Subject;
  helpfulness: Helpfulness;
  reasons?: RatingReason[];
}

/** A rating as read from a kind-31314 event. */
export interface Rating extends Required<RatingInput> {
  id: string;
  rater: string;
  createdAt: number;
}

/** Reasons allowed with a level: helpful ones for HELPFUL, not helpful ones for NOT_HELPFUL, both for SOMEWHAT. */
export function reasonsFor(level: Helpfulness): readonly RatingReason[] {
  if (level === 'HELPFUL') return HELPFUL_REASONS;
  if (level === 'NOT_HELPFUL') return NOT_HELPFUL_REASONS;
  return [...HELPFUL_REASONS, ...NOT_HELPFUL_REASONS];
}

/** Checks a rating before it is built. */
export function validateRatingInput(input: RatingInput): Parsed<RatingInput> {
  const subject = checkSubject(input.subject, 'the rated note');
  if (!subject.ok) return subject;
  if (!HELPFULNESS.includes(input.helpfulness))
    return fail('bad-helpfulness', 'a rating is HELPFUL, SOMEWHAT_HELPFUL or NOT_HELPFUL');
  const reasons = [...new Set(input.reasons ?? [])];
  const allowed = reasonsFor(input.helpfulness);
  const bad = reasons.find((r) => !allowed.includes(r));
  if (bad !== undefined) return fail('bad-reason', `reason ${bad} does not go with ${input.helpfulness}`);
  return { ok: true, value: { ...input, reasons } };
}

/** The kind-31314 template for a rating (addressable by the rated event's id); throws on bad input. */
export function buildRating(input: RatingInput, createdAt = nowSeconds()): EventTemplate {
  const v = orThrow(validateRatingInput(input));
  const s = v.subject;
  const tags = [
    ['d', s.id],
    ['e', s.id, '', s.pubkey],
    ['k', String(s.kind)],
    ['p', s.pubkey],
    ['L', RATING_NAMESPACE],
    ['l', v.helpfulness, RATING_NAMESPACE],
  ];
  if (v.reasons!.length > 0) {
    tags.push(['L', RATING_REASON_NAMESPACE]);
    for (const r of v.reasons!) tags.push(['l', r, RATING_REASON_NAMESPACE]);
  }
  return { kind: NOTE_RATING_KIND, created_at: createdAt, tags, content: '' };
}

/** Reads a kind-31314 event: `d` must equal the `e` it rates, with one helpfulness label. */
export function parseRating(event: NostrEvent): Parsed<Rating> {
  if (event.kind !== NOTE_RATING_KIND) return fail('wrong-kind', `a rating is kind ${NOTE_RATING_KIND}`);
  const d = event.tags.find((t) => t[0] === 'd')?.[1];
  const e = event.tags.find((t) => t[0] === 'e');
  if (!e || e[1] !== d) return fail('bad-subject', 'a rating names the rated event in both d and e');
  const kind = event.tags.find((t) => t[0] === 'k')?.[1];
  const pubkey = event.tags.find((t) => t[0] === 'p')?.[1] ?? e[3] ?? '';
  const subject = { id: e[1] ?? '', kind: Number(kind ?? Number.NaN), pubkey };
  const levels = selfLabels(event, RATING_NAMESPACE);
  if (levels.length !== 1) return fail('bad-helpfulness', 'a rating carries exactly one helpfulness label');
  const input = validateRatingInput({
    subject,
    helpfulness: levels[0] as Helpfulness,
    reasons: selfLabels(event, RATING_REASON_NAMESPACE) as RatingReason[],
  });
  if (!input.ok) return input;
  return {
    ok: true,
    value: {
      id: event.id,
      rater: event.pubkey,
      createdAt: event.created_at,
      subject: input.value.subject,
      helpfulness: input.value.helpfulness,
      reasons: input.value.reasons!,
    },
  };
}

/** What the node says about one note (or translation) after a scoring run. */
export interface StatusInput {
  /** The note or translation. */
  subject: Subject;
  /** The post or entry it is attached to, so clients load a post's labels with one `#E` filter. */
  root: string;
  status: NoteStatus;
  intercept: number | null;
  factor: number | null;
  ratings: number;
  /** The scorer's rule that decided. */
  rule: string;
}

/** A status label as read from a kind-1985 event. */
export interface StatusLabel extends StatusInput {
  id: string;
  labeler: string;
  createdAt: number;
}

const num = (v: number | null) => (v === null ? '' : String(Math.round(v * 1e4) / 1e4));

/** The NIP-32 kind-1985 template for a note's status, to be signed by the node. */
export function buildStatusLabel(input: StatusInput, createdAt = nowSeconds()): EventTemplate {
  const s = orThrow(checkSubject(input.subject, 'the labelled note'));
  if (!isHex64(input.root)) throw new NotesInputError('bad-subject', 'the root must be an event id');
  if (!NOTE_STATUSES.includes(input.status)) throw new NotesInputError('bad-status', 'unknown status');
  const tags = [
    ['L', NOTE_STATUS_NAMESPACE],
    ['l', input.status, NOTE_STATUS_NAMESPACE],
    ['e', s.id, '', s.pubkey],
    ['k', String(s.kind)],
    ['E', input.root],
    ['score', num(input.intercept), num(input.factor), String(input.ratings)],
    ['rule', input.rule],
  ];
  return { kind: LABEL_KIND, created_at: createdAt, tags, content: '' };
}

/** Reads a status label; who signed it is checked by the caller (only the node's key counts). */
export function parseStatusLabel(event: NostrEvent): Parsed<StatusLabel> {
  if (event.kind !== LABEL_KIND) return fail('wrong-kind', `a label is kind ${LABEL_KIND}`);
  const [status, ...extra] = selfLabels(event, NOTE_STATUS_NAMESPACE);
  if (!status || extra.length > 0 || !NOTE_STATUSES.includes(status as NoteStatus))
    return fail('bad-status', 'a status label carries exactly one known status');
  const e = event.tags.find((t) => t[0] === 'e');
  const subject = checkSubject(
    { id: e?.[1] ?? '', pubkey: e?.[3] ?? '', kind: Number(event.tags.find((t) => t[0] === 'k')?.[1] ?? Number.NaN) },
    'the labelled note',
  );
  if (!subject.ok) return subject;
  const root = event.tags.find((t) => t[0] === 'E')?.[1] ?? '';
  if (!isHex64(root)) return fail('bad-subject', 'a status label names the post in E');
  const score = event.tags.find((t) => t[0] === 'score') ?? [];
  const float = (v: string | undefined) => (v === undefined || v === '' ? null : Number(v));
  const intercept = float(score[1]);
  const factor = float(score[2]);
  const ratings = Number(score[3] ?? 0);
  if ([intercept, factor].some((v) => v !== null && !Number.isFinite(v)) || !Number.isInteger(ratings) || ratings < 0)
    return fail('bad-score', 'the score tag holds intercept, factor and a rating count');
  return {
    ok: true,
    value: {
      id: event.id,
      labeler: event.pubkey,
      createdAt: event.created_at,
      subject: subject.value,
      root,
      status: status as NoteStatus,
      intercept,
      factor,
      ratings,
      rule: event.tags.find((t) => t[0] === 'rule')?.[1] ?? '',
    },
  };
}

/**
 * The newest status per labelled event, from labels signed by `labeler` only (anyone can publish a
 * kind-1985 event; only the node's counts). Equal times: the lowest id, as NIP-01 orders replaceables.
 */
export function newestStatuses(events: readonly NostrEvent[], labeler: string): Map<string, StatusLabel> {
  const out = new Map<string, StatusLabel>();
  for (const ev of events) {
    if (ev.pubkey !== labeler) continue;
    const p = parseStatusLabel(ev);
    if (!p.ok) continue;
    const have = out.get(p.value.subject.id);
    if (!have || have.createdAt < p.value.createdAt || (have.createdAt === p.value.createdAt && p.value.id < have.id))
      out.set(p.value.subject.id, p.value);
  }
  return out;
}

/** True when `kind` is one this file's rules read (for routing events in a mixed list). */
export const isCommunityNotesKind = (kind: number) =>
  kind === COMMUNITY_NOTE_KIND || kind === NOTE_RATING_KIND || kind === TRANSLATION_KIND;
