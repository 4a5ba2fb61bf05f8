import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neventEncode, noteEncode } from 'nostr-tools/nip19';
import {
  buildCommunityNote,
  buildRating,
  buildStatusLabel,
  buildTranslation,
  COMMUNITY_NOTE_KIND,
  TRANSLATION_KIND,
  type Helpfulness,
  type NostrEvent,
} from '@lifeline/nostr';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { bestTranslation, groupNotes, parseSources, rankTranslations, withTranslation } from './community-notes.js';

const node = keys();
const author = keys();
const post = signed(author, { content: 'a post' });
const subject = { id: post.id, kind: 1, pubkey: author.pk };

const note = (who: TestKeys, text: string, at = 100) =>
  signed(who, { ...buildCommunityNote({ subject, classification: 'NOT_MISLEADING', text }, at) });
const label = (
  by: TestKeys,
  target: NostrEvent,
  status: 'CURRENTLY_RATED_HELPFUL' | 'CURRENTLY_RATED_NOT_HELPFUL' | 'NEEDS_MORE_RATINGS',
  at: number,
  intercept = 0.5,
) =>
  signed(by, {
    ...buildStatusLabel(
      {
        subject: { id: target.id, kind: target.kind, pubkey: target.pubkey },
        root: post.id,
        status,
        intercept,
        factor: 0,
        ratings: 6,
        rule: 'test',
      },
      at,
    ),
  });
const rate = (who: TestKeys, target: NostrEvent, h: Helpfulness, at = 200) =>
  signed(who, {
    ...buildRating({ subject: { id: target.id, kind: target.kind, pubkey: target.pubkey }, helpfulness: h }, at),
  });

test("notes are grouped by the node's newest label only; others' labels change nothing", () => {
  const [a, b, c] = [keys(), keys(), keys()];
  const helpful = note(a, 'helpful one');
  const demoted = note(b, 'was helpful, then not');
  const fresh = note(c, 'no label yet');
  const me = keys();
  const events = [
    helpful,
    demoted,
    fresh,
    label(node, helpful, 'CURRENTLY_RATED_HELPFUL', 300),
    label(node, demoted, 'CURRENTLY_RATED_HELPFUL', 300),
    label(node, demoted, 'CURRENTLY_RATED_NOT_HELPFUL', 301),
    label(keys(), fresh, 'CURRENTLY_RATED_HELPFUL', 400),
    rate(me, fresh, 'NOT_HELPFUL', 200),
    rate(me, fresh, 'HELPFUL', 250),
  ];
  const g = groupNotes(events, node.pk, me.pk).get(post.id)!;
  assert.deepEqual(
    g.helpful.map((v) => v.note.text),
    ['helpful one'],
  );
  assert.deepEqual(
    g.notHelpful.map((v) => v.note.text),
    ['was helpful, then not'],
  );
  assert.deepEqual(
    g.needsRatings.map((v) => [v.note.text, v.mine?.helpfulness]),
    [['no label yet', 'HELPFUL']],
  );
});

test('translations rank by the node label, then net helpful count; the best one needs a positive count', () => {
  const [t1, t2, t3] = [keys(), keys(), keys()];
  const tr = (who: TestKeys, lang: string, text: string, at: number) =>
    signed(who, { ...buildTranslation({ subject, lang, from: 'fa', text }, at) });
  const plain = tr(t1, 'en', 'plain', 10);
  const liked = tr(t2, 'en', 'liked', 11);
  const german = tr(t3, 'de', 'deutsch', 12);
  const raters = [keys(), keys(), keys()];
  const events = [
    plain,
    liked,
    german,
    rate(raters[0]!, liked, 'HELPFUL'),
    rate(raters[1]!, liked, 'SOMEWHAT_HELPFUL'),
    rate(raters[2]!, plain, 'NOT_HELPFUL'),
    rate(t1, plain, 'HELPFUL'), // the translator's own rating is not counted
    rate(raters[0]!, german, 'HELPFUL'),
  ];
  const ranked = rankTranslations(events, node.pk).get(post.id)!;
  assert.deepEqual(
    ranked.map((v) => [v.translation.text, v.net]),
    [
      ['liked', 1.5],
      ['deutsch', 1],
      ['plain', -1],
    ],
  );
  assert.equal(bestTranslation(ranked, 'en')?.translation.text, 'liked');
  assert.equal(bestTranslation(ranked, 'fa'), undefined);
  // The node's helpful label puts a translation first; a not-helpful label hides it.
  const withLabels = [
    ...events,
    label(node, plain, 'CURRENTLY_RATED_HELPFUL', 500),
    label(node, liked, 'CURRENTLY_RATED_NOT_HELPFUL', 500),
  ];
  const again = rankTranslations(withLabels, node.pk).get(post.id)!;
  assert.equal(bestTranslation(again, 'en')?.translation.text, 'plain');
  assert.equal(again.at(-1)?.translation.text, 'liked');
  assert.equal(again[0]!.translation.subject.kind, 1);
  assert.equal(TRANSLATION_KIND, plain.kind);
});

test('sources: links and nevent/note/hex references; anything else is named', () => {
  const id = post.id;
  const parsed = parseSources(
    `https://example.org/a\n nostr:${neventEncode({ id })}  ${noteEncode(id)} ${id} https://example.org/a`,
  );
  assert.deepEqual(parsed, { ok: true, links: ['https://example.org/a'], refs: [id] });
  assert.deepEqual(parseSources('https://ok.org ftp://nope'), { ok: false, bad: 'ftp://nope' });
  assert.deepEqual(parseSources('npub1xyz'), { ok: false, bad: 'npub1xyz' });
  assert.deepEqual(parseSources(''), { ok: true, links: [], refs: [] });
  assert.equal(COMMUNITY_NOTE_KIND, 1314);
});

test('a translation goes into an entry body as a quote with its attribution in the blog language', () => {
  const body = withTranslation(
    'Entry text.\n',
    { text: 'Large crowds.\nInternet is cut.', from: 'fa' },
    {
      blogLang: 'en',
      translator: 'reader Lena',
      strings: { from: 'Translated from {lang} by {name}:', unknown: 'Translated by {name}:' },
    },
  );
  assert.equal(body, 'Entry text.\n\n*Translated from Persian by reader Lena:*\n\n> Large crowds.\n> Internet is cut.');
});
