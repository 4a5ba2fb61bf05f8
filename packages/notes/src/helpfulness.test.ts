import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDataset } from './dataset.js';
import { PUBLIC_TSV_DELAY_MS, raterHelpfulness } from './helpfulness.js';
import type { NoteRow, RatingRow, RatingStatus } from './types.js';

const T = Date.UTC(2025, 0, 1);
const H = 3600_000;
const notes: NoteRow[] = ['crh', 'crnh', 'nmr'].map((noteId, i) => ({
  noteId,
  noteAuthorParticipantId: `author-${noteId}`,
  createdAtMillis: T + i,
  classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
}));
const rate = (
  raterParticipantId: string,
  noteId: string,
  afterHours: number,
  helpfulnessLevel: RatingRow['helpfulnessLevel'],
): RatingRow => ({
  noteId,
  raterParticipantId,
  createdAtMillis: (notes.find((n) => n.noteId === noteId)?.createdAtMillis ?? 0) + afterHours * H,
  helpfulnessLevel,
});

function run(ratings: RatingRow[], lastNonNmr: Record<string, number> = {}, extraNotes: NoteRow[] = []) {
  const d = buildDataset([...notes, ...extraNotes], ratings);
  const status: RatingStatus[] = d.noteIds.map((id) =>
    id.startsWith('crnh')
      ? 'CURRENTLY_RATED_NOT_HELPFUL'
      : id.startsWith('crh') || id.startsWith('old')
        ? 'CURRENTLY_RATED_HELPFUL'
        : 'NEEDS_MORE_RATINGS',
  );
  const intercept = Float32Array.from(d.noteIds, (id) =>
    id.startsWith('crnh') ? -0.3 : id.startsWith('nmr') ? 0.1 : 0.5,
  );
  const last = Float64Array.from(d.noteIds, (id) => lastNonNmr[id] ?? Number.NaN);
  const h = raterHelpfulness(d, status, intercept, last);
  return (rater: string) => {
    const u = d.raterIds.indexOf(rater);
    return { included: h.included[u] === 1, valid: h.validCount[u], agree: h.agreeCount[u] };
  };
}

test('valid ratings: on CRH/CRNH notes, helpful or not helpful (not "somewhat"), within 48 h', () => {
  const of = run([
    rate('good', 'crh', 1, 'HELPFUL'),
    rate('good', 'crnh', 1, 'NOT_HELPFUL'),
    rate('good', 'nmr', 1, 'HELPFUL'),
    rate('somewhat', 'crh', 1, 'SOMEWHAT_HELPFUL'),
    rate('late', 'crh', 48, 'HELPFUL'),
    rate('almost', 'crh', PUBLIC_TSV_DELAY_MS / H - 0.001, 'HELPFUL'),
  ]);
  assert.deepEqual(of('good'), { included: true, valid: 2, agree: 2 });
  assert.deepEqual(of('somewhat'), { included: false, valid: 0, agree: 0 });
  assert.deepEqual(of('late'), { included: false, valid: 0, agree: 0 });
  assert.deepEqual(of('almost'), { included: true, valid: 1, agree: 1 });
});

test('agreement must reach 66%: 3 of 5 is not enough, 2 of 3 is', () => {
  const extra: NoteRow[] = ['crh2', 'crh3', 'crnh2'].map((noteId) => ({ ...(notes[0] as NoteRow), noteId }));
  const on = (noteId: string) => ({ ...rate('r', 'crh', 1, 'HELPFUL'), noteId });
  const five = run(['crh', 'crh2', 'crh3', 'crnh', 'crnh2'].map(on), {}, extra);
  assert.deepEqual(five('r'), { included: false, valid: 5, agree: 3 });
  const three = run(['crh', 'crh2', 'crnh'].map(on), {}, extra);
  assert.deepEqual(three('r'), { included: true, valid: 3, agree: 2 });
});

test('ratings made after the note last got a status do not count', () => {
  const of = run([rate('early', 'crh', 1, 'HELPFUL'), rate('after', 'crh', 3, 'HELPFUL')], { crh: T + 2 * H });
  assert.equal(of('early').valid, 1);
  assert.equal(of('after').valid, 0);
});

test('notes from before status history (May 2022): only the first five timely ratings count', () => {
  const old: NoteRow = { ...(notes[0] as NoteRow), noteId: 'old', createdAtMillis: Date.UTC(2022, 0, 1) };
  const ratings = Array.from({ length: 7 }, (_, i) => ({
    noteId: 'old',
    raterParticipantId: `r${i}`,
    createdAtMillis: old.createdAtMillis + (i + 1) * H,
    helpfulnessLevel: 'HELPFUL' as const,
  }));
  const of = run(ratings, {}, [old]);
  assert.deepEqual(
    [0, 1, 2, 3, 4, 5, 6].map((i) => of(`r${i}`).valid),
    [1, 1, 1, 1, 1, 0, 0],
  );
});

test('authors whose notes score low are excluded even when their ratings agree', () => {
  const ratings = [rate('author-crnh', 'crh', 1, 'HELPFUL'), rate('author-crh', 'crh', 1, 'HELPFUL')];
  const of = run(ratings);
  assert.equal(of('author-crnh').included, false);
  assert.equal(of('author-crh').included, true);
});
