/**
 * Issue-12 faithfulness and speed bench: scores a public-format data set with the TypeScript port
 * and compares it with the reference scorer's output (bench/notes-reference/run_reference.py).
 *   node bench/dist/notes-compare.js --dir /tmp/notes-bench-60000 [--reference ref.tsv] [--seed 1]
 * Prints the port's time and, given a reference file, status agreement and intercept correlation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreNotes } from '@lifeline/notes';
import { readNotesTsv, readRatingsTsv } from '@lifeline/notes/tsv';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const dir = args.str('dir', '/tmp/notes-bench-60000');
const seed = args.num('seed', 1);
const reference = args.optional('reference');

let t = performance.now();
const notes = await readNotesTsv(join(dir, 'notes-00000.tsv'));
const ratings = await readRatingsTsv(join(dir, 'ratings-00000.tsv'));
const readMs = performance.now() - t;
t = performance.now();
const result = scoreNotes(notes, ratings, { seed });
const scoreMs = performance.now() - t;
console.log(
  `port: read ${(readMs / 1000).toFixed(2)} s, score ${(scoreMs / 1000).toFixed(2)} s (${ratings.length} ratings, ${notes.length} notes)`,
);
for (const f of result.diagnostics.fits) {
  console.log(
    `  fit ${f.name}: ${f.ratings} ratings, ${f.notes} notes, ${f.raters} raters, ${f.epochs} epochs, train MSE ${f.trainError.toFixed(5)}, mu ${f.mu.toFixed(4)}`,
  );
}

if (reference) {
  // FIRM_REJECT and NEEDS_YOUR_HELP are the reference's internal names for notes published as NMR.
  const publish = (s: string) => (s === 'FIRM_REJECT' || s === 'NEEDS_YOUR_HELP' ? 'NEEDS_MORE_RATINGS' : s);
  const ref = new Map<string, { intercept: number; status: string }>();
  const [header, ...rows] = readFileSync(reference, 'utf8').trim().split('\n');
  const cols = (header as string).split('\t');
  const at = (name: string) => cols.indexOf(name);
  for (const row of rows) {
    const f = row.split('\t');
    ref.set(f[at('noteId')] as string, {
      intercept: f[at('coreNoteIntercept')] === '' ? Number.NaN : Number(f[at('coreNoteIntercept')]),
      status: publish(f[at('coreRatingStatus')] as string),
    });
  }
  let same = 0;
  let compared = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  const confusion = new Map<string, number>();
  for (const n of result.notes) {
    const r = ref.get(n.noteId);
    if (!r) continue;
    compared++;
    if (r.status === n.coreRatingStatus) same++;
    else {
      const key = `${r.status} -> ${n.coreRatingStatus} (${n.rule}, i=${n.coreNoteIntercept?.toFixed(3)} vs ${r.intercept.toFixed(3)})`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    if (n.coreNoteIntercept !== null && !Number.isNaN(r.intercept)) {
      xs.push(n.coreNoteIntercept);
      ys.push(r.intercept);
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  let maxAbs = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
    maxAbs = Math.max(maxAbs, Math.abs((xs[i] as number) - (ys[i] as number)));
  }
  console.log(`agreement: ${same}/${compared} statuses (${((100 * same) / compared).toFixed(2)}%)`);
  console.log(
    `intercepts: r = ${(sxy / Math.sqrt(sxx * syy)).toFixed(5)} over ${xs.length} notes, max |diff| ${maxAbs.toFixed(4)}`,
  );
  for (const [k, v] of confusion) console.log(`  ${v} × ${k}`);
}
