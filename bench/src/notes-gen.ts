/**
 * Writes a deterministic two-camp Community Notes data set in the public TSV format, for the
 * issue-12 faithfulness and speed bench: `node bench/dist/notes-gen.js --ratings 60000 --out DIR`.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { twoCampData } from '@lifeline/notes/synthetic';
import { writeNotesTsv, writeRatingsTsv } from '@lifeline/notes/tsv';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const ratings = args.num('ratings', 60_000);
const scale = ratings / 60_000;
const raters = args.num('raters', Math.round(2000 * scale));
const notes = args.num('notes', Math.round(1000 * scale));
const seed = args.num('seed', 12);
const out = args.str('out', `/tmp/notes-bench-${ratings}`);
mkdirSync(out, { recursive: true });
const data = twoCampData({ raters, notes, ratings, seed });
await writeNotesTsv(join(out, 'notes-00000.tsv'), data.notes);
await writeRatingsTsv(join(out, 'ratings-00000.tsv'), data.ratings);
console.log(`${out}: ${data.notes.length} notes, ${data.ratings.length} ratings, ${raters} raters (seed ${seed})`);
