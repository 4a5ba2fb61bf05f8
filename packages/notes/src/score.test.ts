import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scoreNotes } from './score.js';
import { twoCampWorld, type TwoCampWorld } from './synthetic.js';
import type { RatingRow, ScoreResult } from './types.js';

const CRH = 'CURRENTLY_RATED_HELPFUL';
const CRNH = 'CURRENTLY_RATED_NOT_HELPFUL';

const byId = (r: ScoreResult) => new Map(r.notes.map((n) => [n.noteId, n]));
const ofKind = (w: TwoCampWorld, k: string) => [...w.kind].filter(([, v]) => v === k).map(([id]) => id);

const world = twoCampWorld();
const base = scoreNotes(world.notes, world.ratings, { seed: 1 });
const baseNotes = byId(base);

test('a note one camp loves and the other hates never becomes helpful, and carries a large factor', () => {
  for (const id of [...ofKind(world, 'partisanA'), ...ofKind(world, 'partisanB')]) {
    const n = baseNotes.get(id);
    assert.ok(n);
    assert.notEqual(n.coreRatingStatus, CRH, id);
    assert.ok(Math.abs(n.coreNoteFactor1 ?? 0) > 0.4, `${id} factor ${n.coreNoteFactor1}`);
    assert.ok((n.coreNoteIntercept ?? 1) < 0.4, `${id} intercept ${n.coreNoteIntercept}`);
  }
});

test('even when the camp that loves it is three times the other, a partisan note stays unhelpful', () => {
  const lopsided = twoCampWorld(5, 60, 20);
  const notes = byId(scoreNotes(lopsided.notes, lopsided.ratings, { seed: 2 }));
  for (const id of ofKind(lopsided, 'partisanA')) assert.notEqual(notes.get(id)?.coreRatingStatus, CRH, id);
});

test('a note both camps rate helpful becomes helpful, with a small factor', () => {
  for (const id of ofKind(world, 'good')) {
    const n = baseNotes.get(id);
    assert.equal(n?.coreRatingStatus, CRH, `${id} ${n?.rule} ${n?.coreNoteIntercept}`);
    assert.ok(Math.abs(n.coreNoteFactor1 ?? 1) < 0.5);
    assert.ok((n.coreNoteIntercept ?? 0) >= 0.4);
  }
  // and it outranks every partisan note
  const minGood = Math.min(...ofKind(world, 'good').map((id) => baseNotes.get(id)?.coreNoteIntercept ?? 0));
  const maxPartisan = Math.max(
    ...[...ofKind(world, 'partisanA'), ...ofKind(world, 'partisanB')].map(
      (id) => baseNotes.get(id)?.coreNoteIntercept ?? 0,
    ),
  );
  assert.ok(minGood > maxPartisan);
});

test('a note both camps reject becomes not helpful', () => {
  for (const id of ofKind(world, 'bad')) assert.equal(baseNotes.get(id)?.coreRatingStatus, CRNH, id);
});

test('after sign identification the larger camp has negative rater factors', () => {
  const factor = new Map(base.raters.map((r) => [r.raterParticipantId, r.coreRaterFactor1]));
  const negA = world.campA.filter((id) => (factor.get(id) ?? 0) < 0).length;
  const negB = world.campB.filter((id) => (factor.get(id) ?? 0) < 0).length;
  assert.equal(negA, world.campA.length);
  assert.equal(negB, 0);
  const fitted = base.raters.filter((r) => r.coreRaterFactor1 !== null);
  assert.ok(fitted.filter((r) => (r.coreRaterFactor1 as number) < 0).length >= fitted.length / 2);
});

test('the same data and seed give the same result, whatever the row order', () => {
  const shuffled = [...world.ratings].reverse();
  const again = scoreNotes([...world.notes].reverse(), shuffled, { seed: 1 });
  assert.deepEqual(again.notes, base.notes);
  assert.deepEqual(again.raters, base.raters);
});

test('raters below the 10-rating filter move nothing', () => {
  const casual: RatingRow[] = [];
  for (let i = 0; i < 30; i++) {
    for (const id of ofKind(world, 'partisanA').slice(0, 3)) {
      casual.push({
        noteId: id,
        raterParticipantId: `casual${i}`,
        createdAtMillis: world.start + 60_000,
        helpfulnessLevel: 'HELPFUL',
      });
    }
  }
  const withCasual = scoreNotes(world.notes, [...world.ratings, ...casual], { seed: 1 });
  const notes = byId(withCasual);
  for (const n of base.notes) {
    const m = notes.get(n.noteId);
    assert.equal(m?.coreNoteIntercept, n.coreNoteIntercept, n.noteId);
    assert.equal(m?.coreRatingStatus, n.coreRatingStatus, n.noteId);
  }
  const casualRaters = withCasual.raters.filter((r) => r.raterParticipantId.startsWith('casual'));
  assert.equal(casualRaters.length, 30);
  for (const r of casualRaters) {
    assert.equal(r.included, false);
    assert.match(r.reason ?? '', /minimum of 10 ratings/);
  }
});

test('raters who keep disagreeing with the eventual status are left out of the final round', () => {
  const contrarian: RatingRow[] = [];
  for (let i = 0; i < 10; i++) {
    for (const id of [...ofKind(world, 'good'), ...ofKind(world, 'bad')]) {
      const good = world.kind.get(id) === 'good';
      const created = (world.notes.find((n) => n.noteId === id)?.createdAtMillis ?? 0) + 600_000;
      contrarian.push({
        noteId: id,
        raterParticipantId: `contra${i}`,
        createdAtMillis: created,
        helpfulnessLevel: good ? 'NOT_HELPFUL' : 'HELPFUL',
      });
    }
  }
  const result = scoreNotes(world.notes, [...world.ratings, ...contrarian], { seed: 1 });
  for (const r of result.raters.filter((r) => r.raterParticipantId.startsWith('contra'))) {
    assert.equal(r.included, false);
    assert.equal(r.coreRaterIntercept, null);
    assert.match(r.reason ?? '', /agreed with the eventual status on 0% of valid ratings/);
  }
  const notes = byId(result);
  for (const id of ofKind(world, 'good')) assert.equal(notes.get(id)?.coreRatingStatus, CRH, id);
  for (const id of ofKind(world, 'bad')) assert.equal(notes.get(id)?.coreRatingStatus, CRNH, id);
});

test('a Sybil swarm of 50 fresh keys rating only one note cannot make it helpful', () => {
  for (const target of [ofKind(world, 'partisanA')[0], ofKind(world, 'bad')[0]] as string[]) {
    const swarm: RatingRow[] = Array.from({ length: 50 }, (_, i) => ({
      noteId: target,
      raterParticipantId: `sybil${i}`,
      createdAtMillis: world.start + 120_000,
      helpfulnessLevel: 'HELPFUL',
    }));
    const result = scoreNotes(world.notes, [...world.ratings, ...swarm], { seed: 1 });
    const n = byId(result).get(target);
    assert.notEqual(n?.coreRatingStatus, CRH, target);
    assert.equal(n?.coreNoteIntercept, baseNotes.get(target)?.coreNoteIntercept);
    assert.ok(result.raters.filter((r) => r.raterParticipantId.startsWith('sybil')).every((r) => !r.included));
  }
});

test('a swarm that also rates ten other notes, days later, still cannot make a partisan note helpful', () => {
  const target = ofKind(world, 'partisanA')[0] as string;
  const later = world.start + 10 * 86_400_000;
  const swarm: RatingRow[] = [];
  for (let i = 0; i < 50; i++) {
    for (const id of [target, ...ofKind(world, 'partisanA').slice(1, 11)]) {
      swarm.push({ noteId: id, raterParticipantId: `sybil${i}`, createdAtMillis: later, helpfulnessLevel: 'HELPFUL' });
    }
  }
  const result = scoreNotes(world.notes, [...world.ratings, ...swarm], { seed: 1 });
  assert.notEqual(byId(result).get(target)?.coreRatingStatus, CRH);
  // Their ratings came after the 48 h window, so none is valid and none counts in the final round.
  for (const r of result.raters.filter((r) => r.raterParticipantId.startsWith('sybil'))) {
    assert.equal(r.included, false);
    assert.match(r.reason ?? '', /no valid ratings/);
  }
});

test('a rating changed later replaces the earlier one', () => {
  const id = ofKind(world, 'good')[0] as string;
  const flipped = world.ratings
    .filter((r) => r.noteId === id)
    .map((r) => ({ ...r, createdAtMillis: r.createdAtMillis + 1, helpfulnessLevel: 'NOT_HELPFUL' as const }));
  const result = byId(scoreNotes(world.notes, [...world.ratings, ...flipped], { seed: 1 }));
  assert.equal(result.get(id)?.coreRatingStatus, CRNH);
  assert.equal(result.get(id)?.numRatings, baseNotes.get(id)?.numRatings);
});

test('every result says which parts of the published algorithm are left out', () => {
  assert.ok(base.omitted.length >= 5);
  assert.ok(base.omitted.some((o) => /tag-outlier/.test(o)));
  assert.ok(base.omitted.some((o) => /expansion, group/.test(o)));
  const empty = scoreNotes([], [], {});
  assert.deepEqual(empty.notes, []);
  assert.deepEqual(empty.omitted, base.omitted);
});

test('notes with too few ratings stay "needs more ratings" with no score', () => {
  const note = {
    noteId: 'lonely',
    noteAuthorParticipantId: 'x',
    createdAtMillis: world.start,
    classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING' as const,
  };
  const few: RatingRow[] = world.campA.slice(0, 4).map((r) => ({
    noteId: 'lonely',
    raterParticipantId: r,
    createdAtMillis: world.start + 1000,
    helpfulnessLevel: 'HELPFUL',
  }));
  const n = byId(scoreNotes([...world.notes, note], [...world.ratings, ...few], { seed: 1 })).get('lonely');
  assert.equal(n?.coreRatingStatus, 'NEEDS_MORE_RATINGS');
  assert.equal(n?.coreNoteIntercept, null);
  assert.equal(n?.numRatings, 4);
});

test('the scorer runs inside a worker thread and gives the same result there', async () => {
  const { Worker } = await import('node:worker_threads');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import(workerData.url).then(({ scoreNotes }) => {
      const r = scoreNotes(workerData.notes, workerData.ratings, { seed: 1 });
      parentPort.postMessage(r.notes);
    });`;
  const url = new URL('./index.js', import.meta.url).href;
  const worker = new Worker(code, { eval: true, workerData: { url, notes: world.notes, ratings: world.ratings } });
  const notes = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  assert.deepEqual(notes, base.notes);
});
