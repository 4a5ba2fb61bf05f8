import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import {
  buildCommunityNote,
  buildRating,
  buildStatusLabel,
  newestStatuses,
  NotesInputError,
  parseCommunityNote,
  parseRating,
  parseStatusLabel,
  validateNoteInput,
  validateRatingInput,
  type Subject,
} from './community-notes.js';
import { buildTranslation, parseTranslation, validateTranslationInput } from './translations.js';
import { COMMUNITY_NOTE_KIND, LABEL_KIND, NOTE_RATING_KIND, TRANSLATION_KIND, isAddressable } from './kinds.js';
import type { EventTemplate, NostrEvent } from './types.js';

const writer = generateSecretKey();
const rater = generateSecretKey();
const node = generateSecretKey();
const sign = (sk: Uint8Array, t: EventTemplate) => finalizeEvent(t, sk) as NostrEvent;
const post: Subject = { id: 'a'.repeat(64), kind: 1, pubkey: 'b'.repeat(64) };
const REF = 'c'.repeat(64);

test('a note round-trips with NIP-22 scope, its classification label and its sources', () => {
  const t = buildCommunityNote(
    {
      subject: post,
      classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
      text: '  The photo is from 2019 (reverse image search).  ',
      links: ['https://example.org/archive/2019'],
      refs: [REF],
    },
    1000,
  );
  assert.equal(t.kind, COMMUNITY_NOTE_KIND);
  assert.deepEqual(t.tags.slice(0, 6), [
    ['E', post.id, '', post.pubkey],
    ['K', '1'],
    ['P', post.pubkey],
    ['e', post.id, '', post.pubkey],
    ['k', '1'],
    ['p', post.pubkey],
  ]);
  const ev = sign(writer, t);
  const parsed = parseCommunityNote(ev);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, {
    id: ev.id,
    author: getPublicKey(writer),
    createdAt: 1000,
    subject: post,
    classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
    text: 'The photo is from 2019 (reverse image search).',
    links: ['https://example.org/archive/2019'],
    refs: [REF],
  });
});

test('bad note input is refused with a code, and the builder throws it', () => {
  const base = { subject: post, classification: 'NOT_MISLEADING' as const, text: 'ok' };
  const codes = [
    validateNoteInput({ ...base, text: '   ' }),
    validateNoteInput({ ...base, text: 'x'.repeat(1001) }),
    validateNoteInput({ ...base, links: ['javascript:alert(1)'] }),
    validateNoteInput({ ...base, links: ['https://a b'] }),
    validateNoteInput({ ...base, refs: ['nevent1xyz'] }),
    validateNoteInput({ ...base, links: Array.from({ length: 11 }, (_, i) => `https://e.org/${i}`) }),
    validateNoteInput({ ...base, subject: { ...post, id: 'A'.repeat(64) } }),
    validateNoteInput({ ...base, classification: 'MAYBE' as never }),
  ].map((r) => (r.ok ? 'ok' : r.code));
  assert.deepEqual(codes, [
    'empty-text',
    'too-long',
    'bad-link',
    'bad-link',
    'bad-ref',
    'too-many-sources',
    'bad-subject',
    'bad-classification',
  ]);
  assert.throws(() => buildCommunityNote({ ...base, text: '' }), NotesInputError);
});

test('malformed note events are refused', () => {
  const good = sign(writer, buildCommunityNote({ subject: post, classification: 'NOT_MISLEADING', text: 'fine' }));
  const variant = (tags: string[][], content = good.content) => sign(writer, { ...good, tags, content });
  const noLabel = variant(good.tags.filter((t) => t[0] !== 'l'));
  const twoLabels = variant([
    ...good.tags,
    ['l', 'MISINFORMED_OR_POTENTIALLY_MISLEADING', 'lifeline.note.classification'],
  ]);
  const noRoot = variant(good.tags.filter((t) => t[0] !== 'E'));
  const badKind = variant(good.tags.map((t) => (t[0] === 'K' ? ['K', 'x'] : t)));
  const empty = variant(good.tags, ' ');
  const results = [noLabel, twoLabels, noRoot, badKind, empty, { ...good, kind: 1 }].map((e) => {
    const r = parseCommunityNote(e);
    return r.ok ? 'ok' : r.code;
  });
  assert.deepEqual(results, [
    'bad-classification',
    'bad-classification',
    'bad-subject',
    'bad-subject',
    'empty-text',
    'wrong-kind',
  ]);
});

test('a rating is addressable by the rated id, so a newer one replaces the older; reasons must fit the level', () => {
  assert.ok(isAddressable(NOTE_RATING_KIND));
  const note = { id: 'd'.repeat(64), kind: COMMUNITY_NOTE_KIND, pubkey: getPublicKey(writer) };
  const t = buildRating({ subject: note, helpfulness: 'HELPFUL', reasons: ['helpfulClear', 'helpfulClear'] }, 5);
  assert.equal(t.tags.find((x) => x[0] === 'd')?.[1], note.id);
  const ev = sign(rater, t);
  const parsed = parseRating(ev);
  assert.ok(parsed.ok);
  assert.deepEqual(parsed.value, {
    id: ev.id,
    rater: getPublicKey(rater),
    createdAt: 5,
    subject: note,
    helpfulness: 'HELPFUL',
    reasons: ['helpfulClear'],
  });
  const refused = validateRatingInput({ subject: note, helpfulness: 'HELPFUL', reasons: ['notHelpfulIncorrect'] });
  assert.equal(refused.ok ? 'ok' : refused.code, 'bad-reason');
  const somewhat = validateRatingInput({
    subject: note,
    helpfulness: 'SOMEWHAT_HELPFUL',
    reasons: ['helpfulClear', 'notHelpfulMissingKeyPoints'],
  });
  assert.ok(somewhat.ok);
  // d and e disagree: a rating that would replace another note's rating is refused.
  const mismatched = sign(rater, { ...t, tags: t.tags.map((x) => (x[0] === 'd' ? ['d', REF] : x)) });
  const r = parseRating(mismatched);
  assert.equal(r.ok ? 'ok' : r.code, 'bad-subject');
  const twoLevels = sign(rater, { ...t, tags: [...t.tags, ['l', 'NOT_HELPFUL', 'lifeline.rating']] });
  const r2 = parseRating(twoLevels);
  assert.equal(r2.ok ? 'ok' : r2.code, 'bad-helpfulness');
});

test("the node's status label round-trips, and only the labeler's newest label per note counts", () => {
  const noteSubject = { id: 'd'.repeat(64), kind: COMMUNITY_NOTE_KIND, pubkey: getPublicKey(writer) };
  const input = {
    subject: noteSubject,
    root: post.id,
    status: 'CURRENTLY_RATED_HELPFUL' as const,
    intercept: 0.456789,
    factor: -0.1,
    ratings: 12,
    rule: 'GENERAL_CRH',
  };
  const first = sign(node, buildStatusLabel({ ...input, status: 'NEEDS_MORE_RATINGS', intercept: null }, 100));
  const second = sign(node, buildStatusLabel(input, 101));
  assert.equal(second.kind, LABEL_KIND);
  const parsed = parseStatusLabel(second);
  assert.ok(parsed.ok);
  assert.equal(parsed.value.intercept, 0.4568);
  assert.equal(parsed.value.ratings, 12);
  const p1 = parseStatusLabel(first);
  assert.ok(p1.ok && p1.value.intercept === null);
  const forged = sign(rater, buildStatusLabel({ ...input, status: 'CURRENTLY_RATED_NOT_HELPFUL' }, 200));
  const statuses = newestStatuses([second, forged, first], getPublicKey(node));
  assert.equal(statuses.get(noteSubject.id)?.status, 'CURRENTLY_RATED_HELPFUL');
  const unknown = sign(node, { ...second, tags: second.tags.map((t) => (t[0] === 'l' ? ['l', 'GREAT', t[2]!] : t)) });
  const u = parseStatusLabel(unknown);
  assert.equal(u.ok ? 'ok' : u.code, 'bad-status');
});

test('a translation carries an ISO 639-1 label and the original language', () => {
  const t = buildTranslation({ subject: post, lang: 'en', from: 'fa', text: 'Crowds in Azadi Square.' }, 7);
  assert.equal(t.kind, TRANSLATION_KIND);
  assert.deepEqual(
    t.tags.filter((x) => x[0] === 'L' || x[0] === 'l' || x[0] === 'source-lang'),
    [
      ['L', 'ISO-639-1'],
      ['l', 'en', 'ISO-639-1'],
      ['source-lang', 'fa'],
    ],
  );
  const ev = sign(writer, t);
  const parsed = parseTranslation(ev);
  assert.ok(parsed.ok);
  assert.equal(parsed.value.translator, getPublicKey(writer));
  assert.equal(parsed.value.lang, 'en');
  assert.equal(parsed.value.from, 'fa');
  const codes = [
    validateTranslationInput({ subject: post, lang: 'english', text: 'x' }),
    validateTranslationInput({ subject: post, lang: 'EN', text: 'x' }),
    validateTranslationInput({ subject: post, lang: 'fa', from: 'fa', text: 'x' }),
    validateTranslationInput({ subject: post, lang: 'en', text: ' ' }),
    validateTranslationInput({ subject: { ...post, pubkey: 'x' }, lang: 'en', text: 'x' }),
  ].map((r) => (r.ok ? 'ok' : r.code));
  assert.deepEqual(codes, ['bad-lang', 'bad-lang', 'same-lang', 'empty-text', 'bad-subject']);
  const noLang = sign(writer, { ...t, tags: t.tags.filter((x) => x[0] !== 'l') });
  const r = parseTranslation(noLang);
  assert.equal(r.ok ? 'ok' : r.code, 'bad-lang');
});
