import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { cli } from '../testing.js';

// A small data set in the public download format, and what X's published scorer made of it.
const fixture = fileURLToPath(new URL('../../../../packages/notes/fixtures/two-camps/', import.meta.url));
const notesTsv = join(fixture, 'notes-00000.tsv');
const ratingsTsv = join(fixture, 'ratings-00000.tsv');
const dir = mkdtempSync(join(tmpdir(), 'notes-cli-'));

/** noteId → [intercept, status] of a scored-notes TSV; FIRM_REJECT publishes as NEEDS_MORE_RATINGS. */
function scored(text: string): Map<string, [number, string]> {
  const [header, ...rows] = text.trim().split('\n');
  assert.deepEqual((header as string).split('\t').slice(0, 4), [
    'noteId',
    'coreNoteIntercept',
    'coreNoteFactor1',
    'coreRatingStatus',
  ]);
  return new Map(
    rows.map((row) => {
      const [id, intercept, , status] = row.split('\t');
      return [id as string, [Number(intercept), status === 'FIRM_REJECT' ? 'NEEDS_MORE_RATINGS' : (status as string)]];
    }),
  );
}

test('notes score reads the public TSV files and matches the reference scorer on every note', async () => {
  const out = join(dir, 'scored.tsv');
  const run = await cli(['notes', 'score', '--notes', notesTsv, '--ratings', ratingsTsv, '--out', out]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /scored 16 notes from 260 ratings .*: 4 helpful, 4 not helpful, 8 need more ratings/);
  assert.match(run.stderr, /core model only; left out: .*tag-outlier/);
  const ours = scored(readFileSync(out, 'utf8'));
  const reference = scored(readFileSync(join(fixture, 'reference-scored.tsv'), 'utf8'));
  assert.equal(ours.size, 16);
  for (const [id, [intercept, status]] of reference) {
    const mine = ours.get(id);
    assert.ok(mine, id);
    assert.equal(mine[1], status, id);
    assert.ok(Math.abs(mine[0] - intercept) < 0.02, `${id}: ${mine[0]} vs ${intercept}`);
  }
  assert.equal(ours.get('good-00')?.[1], 'CURRENTLY_RATED_HELPFUL');
  assert.equal(ours.get('partisanA-00')?.[1], 'NEEDS_MORE_RATINGS');
});

test('notes score reads and writes gzip and is deterministic for a seed', async () => {
  const gzNotes = join(dir, 'notes-00000.tsv.gz');
  const gzRatings = join(dir, 'ratings-00000.tsv.gz');
  writeFileSync(gzNotes, gzipSync(readFileSync(notesTsv)));
  writeFileSync(gzRatings, gzipSync(readFileSync(ratingsTsv)));
  const a = join(dir, 'a.tsv.gz');
  const b = join(dir, 'b.tsv');
  assert.equal(
    (await cli(['notes', 'score', '--notes', gzNotes, '--ratings', gzRatings, '--out', a, '--seed', '7'])).code,
    0,
  );
  assert.equal(
    (await cli(['notes', 'score', '--notes', notesTsv, '--ratings', ratingsTsv, '--out', b, '--seed', '7'])).code,
    0,
  );
  assert.equal(gunzipSync(readFileSync(a)).toString(), readFileSync(b, 'utf8'));
});

test('notes score: missing or garbled input is one clear line and no output file', async () => {
  const out = join(dir, 'never.tsv');
  const garbled = join(dir, 'garbled.tsv');
  writeFileSync(garbled, 'noteId\tsomething\n1\t2\n');
  const cases: [string[], number, RegExp][] = [
    [['notes', 'score', '--ratings', ratingsTsv, '--out', out], 2, /^lifeline notes: --notes FILE is required$/],
    [['notes', 'rank'], 2, /^lifeline notes: unknown notes command "rank"/],
    [
      ['notes', 'score', '--notes', join(dir, 'none.tsv'), '--ratings', ratingsTsv, '--out', out],
      1,
      /^lifeline notes score: .*none\.tsv: no such file$/,
    ],
    [
      ['notes', 'score', '--notes', garbled, '--ratings', ratingsTsv, '--out', out],
      1,
      /^lifeline notes score: .*garbled\.tsv: missing column "noteAuthorParticipantId" or "participantId"/,
    ],
    [
      ['notes', 'score', '--notes', notesTsv, '--ratings', notesTsv, '--out', out],
      1,
      /^lifeline notes score: .*notes-00000\.tsv: missing column "raterParticipantId" or "participantId"/,
    ],
    [
      ['notes', 'score', '--notes', notesTsv, '--ratings', ratingsTsv, '--out', out, '--seed', 'x'],
      2,
      /--seed expects a whole number/,
    ],
  ];
  for (const [args, code, message] of cases) {
    const run = await cli(args);
    assert.equal(run.code, code, `${args.join(' ')}: ${run.stderr}`);
    const lines = run.stderr.trimEnd().split('\n');
    assert.match(lines[0] as string, message);
    if (code === 1) assert.equal(lines.length, 1, run.stderr);
  }
  assert.throws(() => readFileSync(out), /ENOENT/);
});
