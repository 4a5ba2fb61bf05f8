// Deterministic synthetic data for tests and benches: two camps of raters plus noise. Each note has
// a true quality and a slant; a rater finds it helpful more often when the note is good and when its
// slant matches the rater's camp. Nothing here is used by the scorer itself.
import { mulberry32 } from './rng.js';
import type { Helpfulness, NoteRow, RatingRow } from './types.js';

/** Size and shape of a synthetic data set. */
export interface SyntheticOptions {
  raters: number;
  notes: number;
  ratings: number;
  seed?: number;
  /** first note's creation time; notes follow one per minute */
  startMillis?: number;
}

/** Notes, ratings and the truth they were drawn from. */
export interface SyntheticData {
  notes: NoteRow[];
  ratings: RatingRow[];
  /** per note: true quality and slant */
  truth: Map<string, { quality: number; slant: number }>;
}

/** Generates a two-camp data set; the same options always give the same rows. */
export function twoCampData(o: SyntheticOptions): SyntheticData {
  const rand = mulberry32(o.seed ?? 1);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
  const start = o.startMillis ?? Date.UTC(2025, 0, 1);
  const raters = Array.from({ length: o.raters }, (_, i) => ({
    id: `r${String(i).padStart(6, '0')}`,
    camp: rand() < 0.55 ? -1 : 1,
    lean: 0.6 + 0.4 * rand(),
    leniency: 0.3 * gauss(),
    // heavy-tailed activity: a few raters rate a lot
    weight: 1 / (0.05 + rand()) ** 1.2,
  }));
  const notes: NoteRow[] = [];
  const truth = new Map<string, { quality: number; slant: number }>();
  for (let i = 0; i < o.notes; i++) {
    const noteId = String(1_000_000 + i);
    const quality = gauss() * 0.9 - 0.1;
    const slant = rand() < 0.5 ? gauss() * 0.3 : (rand() < 0.5 ? -1 : 1) * (0.8 + 0.8 * rand());
    truth.set(noteId, { quality, slant });
    notes.push({
      noteId,
      noteAuthorParticipantId: (raters[Math.floor(rand() * raters.length)] as { id: string }).id,
      createdAtMillis: start + i * 60_000,
      classification: rand() < 0.9 ? 'MISINFORMED_OR_POTENTIALLY_MISLEADING' : 'NOT_MISLEADING',
    });
  }
  // Pick raters by weight with a cumulative table; each (rater, note) pair at most once.
  const cum = new Float64Array(raters.length);
  let total = 0;
  raters.forEach((r, i) => {
    total += r.weight;
    cum[i] = total;
  });
  const pick = () => {
    const x = rand() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cum[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const seen = new Set<number>();
  const ratings: RatingRow[] = [];
  // Notes differ in popularity too.
  const noteWeight = notes.map(() => 0.2 + rand() * rand() * 4);
  const noteCum = new Float64Array(notes.length);
  let noteTotal = 0;
  noteWeight.forEach((w, i) => {
    noteTotal += w;
    noteCum[i] = noteTotal;
  });
  const pickNote = () => {
    const x = rand() * noteTotal;
    let lo = 0;
    let hi = noteCum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((noteCum[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  let guard = 0;
  while (ratings.length < o.ratings && guard++ < o.ratings * 20) {
    const ni = pickNote();
    const ri = pick();
    const key = ni * raters.length + ri;
    if (seen.has(key)) continue;
    seen.add(key);
    const note = notes[ni] as NoteRow;
    const rater = raters[ri] as (typeof raters)[number];
    const t = truth.get(note.noteId) as { quality: number; slant: number };
    const z = 2.2 * (t.quality + rater.leniency + rater.lean * rater.camp * t.slant) + 0.5 * gauss();
    const helpfulnessLevel: Helpfulness = z > 0.6 ? 'HELPFUL' : z > -0.3 ? 'SOMEWHAT_HELPFUL' : 'NOT_HELPFUL';
    ratings.push({
      noteId: note.noteId,
      raterParticipantId: rater.id,
      // most ratings within a day, some after the 48 h window
      createdAtMillis: note.createdAtMillis + Math.floor(rand() ** 2 * 72 * 3600_000),
      helpfulnessLevel,
    });
  }
  return { notes, ratings, truth };
}

/** The note kinds of a two-camp world. */
export type WorldNoteKind = 'partisanA' | 'partisanB' | 'good' | 'bad';

/** A small, fully specified two-camp world for scenario tests. */
export interface TwoCampWorld {
  notes: NoteRow[];
  ratings: RatingRow[];
  kind: Map<string, WorldNoteKind>;
  campA: string[];
  campB: string[];
  /** creation time of the first note; every note is one minute after the previous */
  start: number;
}

/**
 * Camp A (larger) and camp B rate partisan notes by camp, good notes helpful and bad notes not
 * helpful, each rater seeing each note with probability 0.7 and answering against type 5% of the
 * time. All ratings fall within an hour of the note, so they count as valid.
 */
export function twoCampWorld(seed = 3, sizeA = 45, sizeB = 35, perKind = 15): TwoCampWorld {
  const rand = mulberry32(seed);
  const start = Date.UTC(2025, 5, 1);
  const campA = Array.from({ length: sizeA }, (_, i) => `a${String(i).padStart(3, '0')}`);
  const campB = Array.from({ length: sizeB }, (_, i) => `b${String(i).padStart(3, '0')}`);
  const kinds: WorldNoteKind[] = ['partisanA', 'partisanB', 'good', 'bad'];
  const notes: NoteRow[] = [];
  const kind = new Map<string, WorldNoteKind>();
  for (const k of kinds) {
    for (let i = 0; i < perKind; i++) {
      const noteId = `${k}-${String(i).padStart(2, '0')}`;
      kind.set(noteId, k);
      notes.push({
        noteId,
        noteAuthorParticipantId: `author-${k}-${i}`,
        createdAtMillis: start + notes.length * 60_000,
        classification: 'MISINFORMED_OR_POTENTIALLY_MISLEADING',
      });
    }
  }
  const ratings: RatingRow[] = [];
  for (const [camp, ids] of [
    ['A', campA],
    ['B', campB],
  ] as const) {
    for (const rater of ids) {
      for (const note of notes) {
        if (rand() > 0.7) continue;
        const k = kind.get(note.noteId) as WorldNoteKind;
        let helpful = k === 'good' || (k === 'partisanA' && camp === 'A') || (k === 'partisanB' && camp === 'B');
        if (rand() < 0.05) helpful = !helpful;
        ratings.push({
          noteId: note.noteId,
          raterParticipantId: rater,
          createdAtMillis: note.createdAtMillis + Math.floor(rand() * 3600_000),
          helpfulnessLevel: helpful ? (rand() < 0.8 ? 'HELPFUL' : 'SOMEWHAT_HELPFUL') : 'NOT_HELPFUL',
        });
      }
    }
  }
  return { notes, ratings, kind, campA, campB, start };
}
