import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMUNITY_NOTE_KIND, TRANSLATION_KIND, type Helpfulness, type Rating } from '@lifeline/nostr';
import type { ScoreResult } from '@lifeline/notes';
import { indexRun, raterReport } from './rater-report.js';
import type { Scorable } from './rows.js';

const id = (c: string) => c.repeat(64);
const RATER = id('a');
const item = (i: string, kind: number, pubkey = id('e')): [string, Scorable] => [
  i,
  { subject: { id: i, kind, pubkey }, root: id('f') },
];
const rating = (subject: string, kind: number, helpfulness: Helpfulness, createdAt = 100): Rating => ({
  id: `r-${subject.slice(0, 4)}`,
  rater: RATER,
  createdAt,
  subject: { id: subject, kind, pubkey: id('e') },
  helpfulness,
  reasons: [],
});
const result = (notes: ScoreResult['notes'], included: boolean): ScoreResult => ({
  notes,
  raters: [
    { raterParticipantId: RATER, coreRaterIntercept: 0.1, coreRaterFactor1: -0.2, included, reason: 'low agreement' },
  ],
  omitted: [],
});
const scored = (
  noteId: string,
  status: ScoreResult['notes'][number]['coreRatingStatus'],
  intercept: number | null,
) => ({
  noteId,
  coreNoteIntercept: intercept,
  coreNoteFactor1: intercept === null ? null : 0.1,
  coreRatingStatus: status,
  numRatings: 6,
  rule: 'x',
});

test('a rating counted when its rater was included, its note scored and it is not newer than the run', () => {
  const [helpful, unscored, late, translation, own] = [id('1'), id('2'), id('3'), id('4'), id('5')];
  const items = new Map([
    item(helpful, COMMUNITY_NOTE_KIND),
    item(unscored, COMMUNITY_NOTE_KIND),
    item(late, COMMUNITY_NOTE_KIND),
    item(translation, TRANSLATION_KIND),
    item(own, COMMUNITY_NOTE_KIND, RATER),
  ]);
  const run = indexRun(
    { readAt: 500, scoredAt: 510 },
    result(
      [
        scored(helpful, 'CURRENTLY_RATED_HELPFUL', 0.45),
        scored(unscored, 'NEEDS_MORE_RATINGS', null),
        scored(late, 'CURRENTLY_RATED_NOT_HELPFUL', -0.3),
      ],
      true,
    ),
    // The same key rated translations too little to be included there.
    result([scored(translation, 'CURRENTLY_RATED_HELPFUL', 0.5)], false),
    items,
  );
  const report = raterReport(run, RATER, [
    rating(helpful, COMMUNITY_NOTE_KIND, 'HELPFUL'),
    rating(unscored, COMMUNITY_NOTE_KIND, 'NOT_HELPFUL'),
    rating(late, COMMUNITY_NOTE_KIND, 'HELPFUL', 600),
    rating(translation, TRANSLATION_KIND, 'HELPFUL'),
    rating(own, COMMUNITY_NOTE_KIND, 'HELPFUL'),
    rating(id('9'), COMMUNITY_NOTE_KIND, 'HELPFUL'),
  ]);
  assert.equal(report.included, true);
  assert.deepEqual(
    report.ratings.map((r) => [r.subject, r.counted, r.agreed]),
    [
      [helpful, true, true],
      [unscored, false, null],
      [late, false, false],
      [translation, false, true],
    ],
    'own and unknown notes are left out',
  );
  assert.equal(report.ratings[0]?.root, id('f'));
  assert.deepEqual(raterReport(undefined, RATER, []), {
    pubkey: RATER,
    scoredAt: null,
    included: false,
    reason: 'not scored yet',
    ratings: [],
  });
  const excluded = raterReport(
    indexRun({ readAt: 1, scoredAt: 1 }, result([], false), result([], false), items),
    RATER,
    [],
  );
  assert.equal(excluded.reason, 'low agreement');
});
