/**
 * Issue-12 faithfulness and speed bench: scores a public-format data set with the TypeScript port
 * and compares it with the reference scorer's output (bench/notes-reference/run_reference.py).
 *   node bench/dist/notes-compare.js --dir /tmp/notes-bench-60000 [--reference ref.tsv [--reference-b ref2.tsv]]
 *     [--seed 1] [--status-history noteStatusHistory.tsv]
 * Prints the port's time and, given a reference file, status agreement and intercept correlation.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreNotes } from '@lifeline/notes';
import { readNotesTsv, readRatingsTsv, readStatusHistoryTsv } from '@lifeline/notes/tsv';
import { parseArgs } from './lib/args.js';

const args = parseArgs();
const dir = args.str('dir', '/tmp/notes-bench-60000');
const seed = args.num('seed', 1);
const reference = args.optional('reference');

interface Scored {
  intercept: number;
  status: string;
}

let t = performance.now();
const notes = await readNotesTsv(join(dir, 'notes-00000.tsv'));
const ratings = await readRatingsTsv(join(dir, 'ratings-00000.tsv'));
const historyPath = args.optional('status-history');
const history = historyPath ? await readStatusHistoryTsv(historyPath) : undefined;
const readMs = performance.now() - t;
t = performance.now();
const result = scoreNotes(notes, ratings, {
  seed,
  previous: history?.previous,
  mostRecentNonNmrMillis: history?.mostRecentNonNmrMillis,
});
const scoreMs = performance.now() - t;
console.log(
  `port: read ${(readMs / 1000).toFixed(2)} s, score ${(scoreMs / 1000).toFixed(2)} s (${ratings.length} ratings, ${notes.length} notes)`,
);
for (const f of result.diagnostics.fits) {
  console.log(
    `  fit ${f.name}: ${f.ratings} ratings, ${f.notes} notes, ${f.raters} raters, ${f.epochs} epochs, train MSE ${f.trainError.toFixed(5)}, mu ${f.mu.toFixed(4)}`,
  );
}

/** One scored-notes TSV as noteId → published status and intercept. */
function readScored(path: string): Map<string, Scored> {
  // FIRM_REJECT and NEEDS_YOUR_HELP are the reference's internal names for notes published as NMR.
  const publish = (s: string) => (s === 'FIRM_REJECT' || s === 'NEEDS_YOUR_HELP' ? 'NEEDS_MORE_RATINGS' : s);
  const out = new Map<string, Scored>();
  const [header, ...rows] = readFileSync(path, 'utf8').trim().split('\n');
  const cols = (header as string).split('\t');
  const at = (name: string) => cols.indexOf(name);
  for (const row of rows) {
    const f = row.split('\t');
    const i = f[at('coreNoteIntercept')] ?? '';
    out.set(f[at('noteId')] as string, {
      intercept: i === '' ? Number.NaN : Number(i),
      status: publish(f[at('coreRatingStatus')] as string),
    });
  }
  return out;
}

/** Prints status agreement, intercept correlation and the disagreements of `a` against `b`. */
function compare(label: string, a: Map<string, Scored>, b: Map<string, Scored>): void {
  let same = 0;
  let compared = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  const confusion = new Map<string, number>();
  for (const [id, x] of a) {
    const y = b.get(id);
    if (!y) continue;
    compared++;
    if (x.status === y.status) same++;
    else {
      const key = `${y.status} -> ${x.status} (i=${x.intercept.toFixed(3)} vs ${y.intercept.toFixed(3)})`;
      confusion.set(key, (confusion.get(key) ?? 0) + 1);
    }
    if (!Number.isNaN(x.intercept) && !Number.isNaN(y.intercept)) {
      xs.push(x.intercept);
      ys.push(y.intercept);
    }
  }
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
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
  console.log(`${label}: statuses agree on ${same}/${compared} notes (${((100 * same) / compared).toFixed(2)}%)`);
  console.log(
    `${label}: intercepts r = ${(sxy / Math.sqrt(sxx * syy)).toFixed(6)} over ${xs.length} notes, max |diff| ${maxAbs.toFixed(4)}`,
  );
  for (const [k, v] of confusion) console.log(`  ${v} × ${k}`);
}

if (reference) {
  const port = new Map<string, Scored>(
    result.notes.map((n) => [n.noteId, { intercept: n.coreNoteIntercept ?? Number.NaN, status: n.coreRatingStatus }]),
  );
  const ref = readScored(reference);
  compare('port vs reference', port, ref);
  const second = args.optional('reference-b');
  if (second) compare('reference vs reference (other seed)', readScored(second), ref);
}
