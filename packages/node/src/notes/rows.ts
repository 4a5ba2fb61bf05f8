import {
  COMMUNITY_NOTE_KIND,
  TRANSLATION_KIND,
  parseCommunityNote,
  parseRating,
  parseTranslation,
  type NostrEvent,
  type Rating,
  type Subject,
} from '@lifeline/nostr';
import type { NoteRow, RatingRow } from '@lifeline/notes';

/** One scored thing (a note or a translation) with the post it is attached to. */
export interface Scorable {
  subject: Subject;
  /** The post or live-blog entry it is attached to. */
  root: string;
}

/** The scorer's input for one population (notes, or translations), plus what the node needs to label results. */
export interface Population {
  notes: NoteRow[];
  ratings: RatingRow[];
  /** By note (or translation) id. */
  items: Map<string, Scorable>;
}

/** Both populations, from one read of the store. */
export interface Collected {
  notes: Population;
  translations: Population;
}

const empty = (): Population => ({ notes: [], ratings: [], items: new Map() });

/**
 * Turns stored events into the scorer's rows. Malformed events are skipped. Translations are scored
 * in their own run with the notes' rules; they enter as "misleading" because the scorer only lets
 * such notes become helpful, and a translation has no such claim to make. A rating counts only
 * when it rates a known note or translation, and not the rater's own.
 */
export function collect(events: Iterable<NostrEvent>): Collected {
  const out: Collected = { notes: empty(), translations: empty() };
  const ratings: Rating[] = [];
  for (const ev of events) {
    if (ev.kind === COMMUNITY_NOTE_KIND) {
      const p = parseCommunityNote(ev);
      if (!p.ok) continue;
      out.notes.items.set(ev.id, {
        subject: { id: ev.id, kind: ev.kind, pubkey: ev.pubkey },
        root: p.value.subject.id,
      });
      out.notes.notes.push({
        noteId: ev.id,
        noteAuthorParticipantId: ev.pubkey,
        createdAtMillis: ev.created_at * 1000,
        classification: p.value.classification,
      });
    } else if (ev.kind === TRANSLATION_KIND) {
      const p = parseTranslation(ev);
      if (!p.ok) continue;
      out.translations.items.set(ev.id, {
        subject: { id: ev.id, kind: ev.kind, pubkey: ev.pubkey },
        root: p.value.subject.id,
      });
      out.translations.notes.push({
        noteId: ev.id,
        noteAuthorParticipantId: ev.pubkey,
        createdAtMillis: ev.created_at * 1000,
        classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
      });
    } else {
      const p = parseRating(ev);
      if (p.ok) ratings.push(p.value);
    }
  }
  // The store keeps one rating per (rater, rated id), being addressable; this guards other backends' copies.
  const newest = new Map<string, Rating>();
  for (const r of ratings) {
    const key = `${r.rater}:${r.subject.id}`;
    const have = newest.get(key);
    if (!have || have.createdAt < r.createdAt || (have.createdAt === r.createdAt && r.id < have.id)) newest.set(key, r);
  }
  for (const r of newest.values()) {
    // The rated id decides what is rated (the relay keeps one rating per id, whatever its k tag says).
    const pop = out.notes.items.has(r.subject.id)
      ? out.notes
      : out.translations.items.has(r.subject.id)
        ? out.translations
        : undefined;
    const item = pop?.items.get(r.subject.id);
    if (!pop || !item || item.subject.pubkey === r.rater) continue;
    pop.ratings.push({
      noteId: r.subject.id,
      raterParticipantId: r.rater,
      createdAtMillis: r.createdAt * 1000,
      helpfulnessLevel: r.helpfulness,
      tags: r.reasons,
    });
  }
  return out;
}
