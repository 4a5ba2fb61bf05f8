import { decode } from 'nostr-tools/nip19';
import {
  COMMUNITY_NOTE_KIND,
  LABEL_KIND,
  NOTE_RATING_KIND,
  TRANSLATION_KIND,
  isHex64,
  isWebLink,
  newestStatuses,
  parseCommunityNote,
  parseRating,
  parseTranslation,
  type CommunityNote,
  type NoteStatus,
  type NostrEvent,
  type Rating,
  type StatusLabel,
  type Translation,
} from '@lifeline/nostr';

/*
 * What the web app shows of community notes and translations, decided from events alone: the
 * statuses come from the node's signed labels (the client recomputes nothing), and translations
 * are ranked by the rule documented in docs/protocol.md ("How translations are ranked").
 */

/** A note with the node's verdict and the viewer's own rating of it. */
export interface NoteView {
  note: CommunityNote;
  status: NoteStatus;
  label?: StatusLabel;
  mine?: Rating;
}

/** The notes on one post, by status. */
export interface PostNotes {
  /** Shown to every reader. */
  helpful: NoteView[];
  /** Shown only to people who chose to rate. */
  needsRatings: NoteView[];
  /** Shown to nobody by default (raters may open them). */
  notHelpful: NoteView[];
}

/** A translation with its ratings summed and the node's verdict, if any. */
export interface TranslationView {
  translation: Translation;
  status: NoteStatus;
  label?: StatusLabel;
  helpful: number;
  somewhat: number;
  notHelpful: number;
  /** helpful + ½·somewhat − not helpful, one newest rating per rater, the translator's own not counted. */
  net: number;
  mine?: Rating;
}

/** The filters that load everything about these posts: notes, translations and the labeler's statuses. */
export function notesFilters(postIds: string[], labeler: string) {
  return [
    { kinds: [COMMUNITY_NOTE_KIND, TRANSLATION_KIND], '#E': postIds },
    { kinds: [LABEL_KIND], authors: [labeler], '#E': postIds },
  ];
}

/** The filter for ratings of these notes and translations. */
export const ratingsFilter = (ids: string[]) => ({ kinds: [NOTE_RATING_KIND], '#e': ids });

const newestRatings = (events: readonly NostrEvent[]): Rating[] => {
  const by = new Map<string, Rating>();
  for (const ev of events) {
    const p = parseRating(ev);
    if (!p.ok) continue;
    const key = `${p.value.rater}:${p.value.subject.id}`;
    const have = by.get(key);
    if (!have || have.createdAt < p.value.createdAt || (have.createdAt === p.value.createdAt && p.value.id < have.id))
      by.set(key, p.value);
  }
  return [...by.values()];
};

/**
 * Notes per post from a mixed list of events (notes, labels, ratings). Only labels signed by
 * `labeler` (the node) decide a status; without one a note needs more ratings.
 */
export function groupNotes(events: readonly NostrEvent[], labeler: string, me?: string): Map<string, PostNotes> {
  const statuses = newestStatuses(events, labeler);
  const mine = new Map(
    newestRatings(events)
      .filter((r) => r.rater === me)
      .map((r) => [r.subject.id, r]),
  );
  const out = new Map<string, PostNotes>();
  const seen = new Set<string>();
  for (const ev of events) {
    if (ev.kind !== COMMUNITY_NOTE_KIND || seen.has(ev.id)) continue;
    seen.add(ev.id);
    const p = parseCommunityNote(ev);
    if (!p.ok) continue;
    const label = statuses.get(ev.id);
    const view: NoteView = {
      note: p.value,
      status: label?.status ?? 'NEEDS_MORE_RATINGS',
      ...(label ? { label } : {}),
      ...(mine.has(ev.id) ? { mine: mine.get(ev.id)! } : {}),
    };
    const group = out.get(p.value.subject.id) ?? { helpful: [], needsRatings: [], notHelpful: [] };
    if (view.status === 'CURRENTLY_RATED_HELPFUL') group.helpful.push(view);
    else if (view.status === 'CURRENTLY_RATED_NOT_HELPFUL') group.notHelpful.push(view);
    else group.needsRatings.push(view);
    out.set(p.value.subject.id, group);
  }
  for (const g of out.values()) {
    // Helpful: strongest first; the rest: oldest first, so early notes are not buried.
    g.helpful.sort((a, b) => (b.label?.intercept ?? 0) - (a.label?.intercept ?? 0));
    g.needsRatings.sort((a, b) => a.note.createdAt - b.note.createdAt);
  }
  return out;
}

/**
 * Translations per post, ranked: those the node labels helpful first (by intercept), then by net
 * helpful count, then oldest first; those labelled not helpful last. See `bestTranslation`.
 */
export function rankTranslations(
  events: readonly NostrEvent[],
  labeler: string,
  me?: string,
): Map<string, TranslationView[]> {
  const statuses = newestStatuses(events, labeler);
  const ratings = newestRatings(events);
  const out = new Map<string, TranslationView[]>();
  const seen = new Set<string>();
  for (const ev of events) {
    if (ev.kind !== TRANSLATION_KIND || seen.has(ev.id)) continue;
    seen.add(ev.id);
    const p = parseTranslation(ev);
    if (!p.ok) continue;
    const label = statuses.get(ev.id);
    const view: TranslationView = {
      translation: p.value,
      status: label?.status ?? 'NEEDS_MORE_RATINGS',
      ...(label ? { label } : {}),
      helpful: 0,
      somewhat: 0,
      notHelpful: 0,
      net: 0,
    };
    for (const r of ratings) {
      if (r.subject.id !== ev.id) continue;
      if (r.rater === me) view.mine = r;
      if (r.rater === ev.pubkey) continue;
      if (r.helpfulness === 'HELPFUL') view.helpful++;
      else if (r.helpfulness === 'SOMEWHAT_HELPFUL') view.somewhat++;
      else view.notHelpful++;
    }
    view.net = view.helpful + view.somewhat / 2 - view.notHelpful;
    const list = out.get(p.value.subject.id) ?? [];
    list.push(view);
    out.set(p.value.subject.id, list);
  }
  const tier = (v: TranslationView) =>
    v.status === 'CURRENTLY_RATED_HELPFUL' ? 0 : v.status === 'CURRENTLY_RATED_NOT_HELPFUL' ? 2 : 1;
  for (const list of out.values())
    list.sort(
      (a, b) =>
        tier(a) - tier(b) ||
        (b.label?.intercept ?? 0) - (a.label?.intercept ?? 0) ||
        b.net - a.net ||
        a.translation.createdAt - b.translation.createdAt ||
        (a.translation.id < b.translation.id ? -1 : 1),
    );
  return out;
}

/**
 * The translation a reader sees under the original: the best-ranked one in `lang` that the node
 * labels helpful, or, while none is, one not labelled unhelpful whose net helpful count is above zero.
 */
export function bestTranslation(ranked: readonly TranslationView[], lang: string): TranslationView | undefined {
  return ranked.find(
    (v) =>
      v.translation.lang === lang &&
      (v.status === 'CURRENTLY_RATED_HELPFUL' || (v.status === 'NEEDS_MORE_RATINGS' && v.net > 0)),
  );
}

/** A note's sources as typed: links and event references, or the first piece that is neither. */
export type ParsedSources = { ok: true; links: string[]; refs: string[] } | { ok: false; bad: string };

/**
 * Reads sources separated by spaces or new lines: http(s) links, and events as `nevent1…`,
 * `note1…` (with or without `nostr:`) or 64-hex ids.
 */
export function parseSources(text: string): ParsedSources {
  const links: string[] = [];
  const refs: string[] = [];
  for (const piece of text.split(/\s+/).filter(Boolean)) {
    if (isWebLink(piece)) {
      links.push(piece);
      continue;
    }
    const bare = piece.replace(/^nostr:/, '');
    if (isHex64(bare)) {
      refs.push(bare);
      continue;
    }
    try {
      // Widened: nostr-tools' overloads narrow by the string's prefix, which a typed piece lacks.
      const d = decode(bare) as { type: string; data: unknown };
      if (d.type === 'note' && typeof d.data === 'string') refs.push(d.data);
      else if (d.type === 'nevent') refs.push((d.data as { id: string }).id);
      else return { ok: false, bad: piece };
    } catch {
      return { ok: false, bad: piece };
    }
  }
  return { ok: true, links: [...new Set(links)], refs: [...new Set(refs)] };
}

/**
 * An entry body with a translation appended under it, attributed in the blog's language:
 * "*Translated from Persian by reader Lena:*" and the text as a quote (safe Markdown).
 */
export function withTranslation(
  body: string,
  translation: Pick<Translation, 'text' | 'from'>,
  attribution: { blogLang: string; translator: string; strings: { from: string; unknown: string } },
): string {
  const names = new Intl.DisplayNames([attribution.blogLang], { type: 'language' });
  const from = translation.from ? (names.of(translation.from) ?? translation.from) : '';
  const line = (from ? attribution.strings.from.replace('{lang}', from) : attribution.strings.unknown).replace(
    '{name}',
    attribution.translator,
  );
  const quote = translation.text
    .split('\n')
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');
  return `${body.trimEnd()}\n\n*${line}*\n\n${quote}`;
}
