import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import {
  NotesTsvError,
  readNotesTsv,
  readRatingsTsv,
  readStatusHistoryTsv,
  writeNotesTsv,
  writeRatingsTsv,
  writeScoredTsv,
} from './tsv.js';
import type { NoteRow, RatingRow } from './types.js';

const dir = mkdtempSync(join(tmpdir(), 'notes-tsv-'));
const notes: NoteRow[] = [
  {
    noteId: '1400000000000000001',
    noteAuthorParticipantId: 'A1B2',
    createdAtMillis: 1700000000000,
    classification: 'NOT_MISLEADING',
  },
  {
    noteId: '1400000000000000002',
    noteAuthorParticipantId: 'C3D4',
    createdAtMillis: 1700000000001,
    classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
  },
];
const ratings: RatingRow[] = [
  {
    noteId: '1400000000000000001',
    raterParticipantId: 'E5',
    createdAtMillis: 1700000001000,
    helpfulnessLevel: 'SOMEWHAT_HELPFUL',
    tags: ['helpfulClear', 'notHelpfulIncorrect'],
  },
  {
    noteId: '1400000000000000002',
    raterParticipantId: 'F6',
    createdAtMillis: 1700000002000,
    helpfulnessLevel: 'NOT_HELPFUL',
  },
];

test('notes and ratings round-trip through the public format, plain and gzip', async () => {
  for (const ext of ['tsv', 'tsv.gz']) {
    await writeNotesTsv(join(dir, `notes.${ext}`), notes);
    await writeRatingsTsv(join(dir, `ratings.${ext}`), ratings);
    assert.deepEqual(await readNotesTsv(join(dir, `notes.${ext}`)), notes);
    assert.deepEqual(await readRatingsTsv(join(dir, `ratings.${ext}`)), ratings);
  }
  assert.equal(readFileSync(join(dir, 'notes.tsv.gz'))[0], 0x1f);
});

test('reads the download as published: participantId headers, extra columns, legacy helpful/notHelpful, gzip without .gz', async () => {
  const header = 'noteId\tparticipantId\tcreatedAtMillis\ttweetId\tclassification\tbelievable\tsummary';
  writeFileSync(join(dir, 'n.tsv'), `${header}\n7\tX\t1600000000000\t9\tNOT_MISLEADING\t\tsome text\n`);
  assert.deepEqual(await readNotesTsv(join(dir, 'n.tsv')), [
    { noteId: '7', noteAuthorParticipantId: 'X', createdAtMillis: 1600000000000, classification: 'NOT_MISLEADING' },
  ]);
  const rHeader =
    'noteId\tparticipantId\tcreatedAtMillis\tversion\tagree\tdisagree\thelpful\tnotHelpful\thelpfulnessLevel\tnotHelpfulOther';
  const body = '7\tY\t1600000001000\t1\t1\t0\t0\t1\t\t1\n7\tZ\t1600000002000\t1\t1\t0\t1\t0\t\t0\n';
  writeFileSync(join(dir, 'r.bin'), gzipSync(`${rHeader}\n${body}`));
  assert.deepEqual(await readRatingsTsv(join(dir, 'r.bin')), [
    {
      noteId: '7',
      raterParticipantId: 'Y',
      createdAtMillis: 1600000001000,
      helpfulnessLevel: 'NOT_HELPFUL',
      tags: ['notHelpfulOther'],
    },
    { noteId: '7', raterParticipantId: 'Z', createdAtMillis: 1600000002000, helpfulnessLevel: 'HELPFUL' },
  ]);
});

test('a quoted summary may hold tabs, quotes and line breaks, as pandas reads it', async () => {
  const header = 'noteId\tnoteAuthorParticipantId\tcreatedAtMillis\tclassification\tsummary\ttrustworthySources';
  const rows = [
    '1\ta\t10\tNOT_MISLEADING\t"says ""hi""\tand\nspans lines"\t1',
    '2\tb\t20\tMISINFORMED_OR_POTENTIALLY_MISLEADING\tplain "inner" quote\t0',
  ];
  writeFileSync(join(dir, 'quoted.tsv'), `${header}\n${rows.join('\n')}\n`);
  const read = await readNotesTsv(join(dir, 'quoted.tsv'));
  assert.deepEqual(
    read.map((n) => [n.noteId, n.classification]),
    [
      ['1', 'NOT_MISLEADING'],
      ['2', 'MISINFORMED_OR_POTENTIALLY_MISLEADING'],
    ],
  );
  writeFileSync(join(dir, 'unclosed.tsv'), `${header}\n1\ta\t10\tNOT_MISLEADING\t"never closed\n`);
  await assert.rejects(readNotesTsv(join(dir, 'unclosed.tsv')), /unclosed\.tsv line 2: a quoted field is never closed/);
});

test('bad files fail with one line naming the file, the line and the problem', async () => {
  const cases: [string, string | Buffer, RegExp, 'notes' | 'ratings'][] = [
    [
      'missing-col.tsv',
      'noteId\tcreatedAtMillis\tclassification\n',
      /missing column "noteAuthorParticipantId" or "participantId"/,
      'notes',
    ],
    [
      'bad-class.tsv',
      'noteId\tnoteAuthorParticipantId\tcreatedAtMillis\tclassification\n1\ta\t5\tMAYBE\n',
      /line 2: classification "MAYBE" is not one of/,
      'notes',
    ],
    [
      'bad-time.tsv',
      'noteId\tnoteAuthorParticipantId\tcreatedAtMillis\tclassification\n1\ta\tsoon\tNOT_MISLEADING\n',
      /line 2: createdAtMillis "soon" is not a number/,
      'notes',
    ],
    ['empty.tsv', '', /empty file/, 'notes'],
    [
      'bad-level.tsv',
      'noteId\traterParticipantId\tcreatedAtMillis\thelpfulnessLevel\n1\ta\t5\tGREAT\n',
      /line 2: helpfulnessLevel "GREAT" is not one of/,
      'ratings',
    ],
    [
      'no-rater.tsv',
      'noteId\traterParticipantId\tcreatedAtMillis\thelpfulnessLevel\n1\t\t5\tHELPFUL\n',
      /line 2: raterParticipantId is empty/,
      'ratings',
    ],
    ['broken.gz', Buffer.from([0x1f, 0x8b, 1, 2, 3, 4, 5]), /not a valid gzip file/, 'ratings'],
  ];
  for (const [name, content, message, kind] of cases) {
    const path = join(dir, name);
    writeFileSync(path, content);
    const read = kind === 'notes' ? readNotesTsv : readRatingsTsv;
    await assert.rejects(read(path), (err: Error) => {
      assert.ok(err instanceof NotesTsvError, String(err));
      assert.match(err.message, message);
      assert.ok(err.message.startsWith(path), err.message);
      assert.ok(!err.message.includes('\n'));
      return true;
    });
  }
  await assert.rejects(readNotesTsv(join(dir, 'nope.tsv')), /nope\.tsv: no such file/);
  await assert.rejects(readNotesTsv(dir), /is a directory/);
});

test('noteStatusHistory gives previous statuses and when each note last got one', async () => {
  const path = join(dir, 'noteStatusHistory-00000.tsv');
  writeFileSync(
    path,
    'noteId\tnoteAuthorParticipantId\tcreatedAtMillis\ttimestampMillisOfFirstNonNMRStatus\tfirstNonNMRStatus\ttimestampMillisOfCurrentStatus\tcurrentStatus\ttimestampMillisOfLatestNonNMRStatus\n' +
      '1\ta\t5\t10\tCURRENTLY_RATED_HELPFUL\t10\tCURRENTLY_RATED_HELPFUL\t10\n' +
      '2\tb\t5\t\t\t12\tNEEDS_MORE_RATINGS\t\n',
  );
  const h = await readStatusHistoryTsv(path);
  assert.deepEqual(
    [...h.previous],
    [
      ['1', 'CURRENTLY_RATED_HELPFUL'],
      ['2', 'NEEDS_MORE_RATINGS'],
    ],
  );
  assert.deepEqual([...h.mostRecentNonNmrMillis], [['1', 10]]);
});

test('scored notes are written with the reference column names; unscored notes leave the numbers empty', async () => {
  const path = join(dir, 'scored.tsv');
  await writeScoredTsv(path, [
    {
      noteId: '1',
      coreNoteIntercept: 0.5,
      coreNoteFactor1: -0.25,
      coreRatingStatus: 'CURRENTLY_RATED_HELPFUL',
      numRatings: 9,
      rule: 'GENERAL_CRH',
    },
    {
      noteId: '2',
      coreNoteIntercept: null,
      coreNoteFactor1: null,
      coreRatingStatus: 'NEEDS_MORE_RATINGS',
      numRatings: 1,
      rule: 'INITIAL_NMR',
    },
  ]);
  assert.equal(
    readFileSync(path, 'utf8'),
    'noteId\tcoreNoteIntercept\tcoreNoteFactor1\tcoreRatingStatus\n1\t0.5\t-0.25\tCURRENTLY_RATED_HELPFUL\n2\t\t\tNEEDS_MORE_RATINGS\n',
  );
});
