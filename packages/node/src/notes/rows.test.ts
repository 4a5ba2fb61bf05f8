import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import {
  buildCommunityNote,
  buildRating,
  buildTranslation,
  COMMUNITY_NOTE_KIND,
  TRANSLATION_KIND,
  type EventTemplate,
  type NostrEvent,
  type StatusLabel,
} from '@lifeline/nostr';
import { collect } from './rows.js';
import { labelsToPublish } from './publish.js';

const sign = (sk: Uint8Array, t: EventTemplate) => finalizeEvent(t, sk) as NostrEvent;
const [author, writer, translator, rater] = [1, 2, 3, 4].map(() => generateSecretKey()) as [
  Uint8Array,
  Uint8Array,
  Uint8Array,
  Uint8Array,
];
const post = sign(author, { kind: 1, created_at: 1, tags: [], content: 'post' });
const subject = { id: post.id, kind: 1, pubkey: getPublicKey(author) };
const note = sign(writer, buildCommunityNote({ subject, classification: 'NOT_MISLEADING', text: 'context' }, 10));
const translation = sign(translator, buildTranslation({ subject, lang: 'en', from: 'fa', text: 'hello' }, 11));
const rate = (sk: Uint8Array, target: NostrEvent, at: number, helpfulness: 'HELPFUL' | 'NOT_HELPFUL' = 'HELPFUL') =>
  sign(sk, buildRating({ subject: { id: target.id, kind: target.kind, pubkey: target.pubkey }, helpfulness }, at));

test('collect: one newest rating per rater and item, none by the author, none of unknown items; the rated id decides, not the k tag', () => {
  const older = rate(rater, note, 20, 'NOT_HELPFUL');
  const newer = rate(rater, note, 30, 'HELPFUL');
  const own = rate(writer, note, 30);
  const unknown = rate(rater, post, 30);
  // Names the note but says it is a translation: the id decides, and being newest it replaces the others.
  const mismatched = sign(rater, {
    ...buildRating(
      { subject: { id: note.id, kind: TRANSLATION_KIND, pubkey: note.pubkey }, helpfulness: 'HELPFUL' },
      40,
    ),
  });
  const ofTranslation = rate(rater, translation, 25);
  const malformed = sign(writer, { kind: COMMUNITY_NOTE_KIND, created_at: 5, tags: [], content: 'no scope' });
  const c = collect([note, translation, older, newer, own, unknown, mismatched, ofTranslation, malformed]);
  assert.deepEqual(
    c.notes.notes.map((n) => [n.noteId, n.classification, n.createdAtMillis]),
    [[note.id, 'NOT_MISLEADING', 10_000]],
  );
  assert.deepEqual(
    c.notes.ratings.map((r) => [r.raterParticipantId, r.helpfulnessLevel]),
    [[getPublicKey(rater), 'HELPFUL']],
  );
  assert.equal(c.notes.ratings[0]?.createdAtMillis, mismatched.created_at * 1000, 'the newest one counts');
  assert.equal(c.notes.items.get(note.id)?.root, post.id);
  assert.deepEqual(
    c.translations.notes.map((n) => n.classification),
    ['MISINFORMED_OR_POTENTIALLY_MISLEADING'],
  );
  assert.equal(c.translations.ratings.length, 1);
});

test('labelsToPublish: only changes, no label for a new note that needs ratings, times after the previous label', () => {
  const c = collect([note]);
  const scored = (status: 'CURRENTLY_RATED_HELPFUL' | 'NEEDS_MORE_RATINGS') => [
    {
      noteId: note.id,
      coreNoteIntercept: 0.5,
      coreNoteFactor1: 0.1,
      coreRatingStatus: status,
      numRatings: 6,
      rule: 'r',
    },
  ];
  assert.deepEqual(labelsToPublish(scored('NEEDS_MORE_RATINGS'), c.notes.items, new Map(), 100), []);
  const [first] = labelsToPublish(scored('CURRENTLY_RATED_HELPFUL'), c.notes.items, new Map(), 100);
  assert.equal(first?.created_at, 100);
  assert.ok(first?.tags.some((t) => t[0] === 'E' && t[1] === post.id));
  const previous = new Map([[note.id, { status: 'CURRENTLY_RATED_HELPFUL', createdAt: 100 } as StatusLabel]]);
  assert.deepEqual(labelsToPublish(scored('CURRENTLY_RATED_HELPFUL'), c.notes.items, previous, 100), []);
  const [back] = labelsToPublish(scored('NEEDS_MORE_RATINGS'), c.notes.items, previous, 100);
  assert.equal(back?.created_at, 101, 'a later time than the label it replaces');
  assert.ok(back?.tags.some((t) => t[0] === 'l' && t[1] === 'NEEDS_MORE_RATINGS'));
});
