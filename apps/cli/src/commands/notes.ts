import { scoreNotes } from '@lifeline/notes';
import { NotesTsvError, readNotesTsv, readRatingsTsv, readStatusHistoryTsv, writeScoredTsv } from '@lifeline/notes/tsv';
import { UsageError, parseArgs } from '../args.js';
import type { Command } from './command.js';

/**
 * `lifeline notes score`: runs the Community Notes core scorer over files of the public data
 * download and writes one row per note, comparable with the reference's scoredNotes.tsv.
 */
export const notes: Command = {
  usage: 'notes score --notes FILE --ratings FILE --out FILE [--status-history FILE] [--seed N]',
  about: `Scores notes with the Community Notes core model (X's published bridging algorithm) from the
TSV files of the public Community Notes data download (notes-00000.tsv, ratings-00000.tsv; plain or
.tsv.gz) and writes noteId, coreNoteIntercept, coreNoteFactor1 and coreRatingStatus per note
(gzip when the output name ends in .gz). Only the core model runs: the parts of the published
algorithm it leaves out are listed on standard error. Same files and seed, same output.`,
  flags: {
    notes: { kind: 'string', value: 'FILE', description: 'notes file of the public download' },
    ratings: { kind: 'string', value: 'FILE', description: 'ratings file of the public download' },
    out: { kind: 'string', value: 'FILE', description: 'where to write the scored notes' },
    'status-history': {
      kind: 'string',
      value: 'FILE',
      description: 'noteStatusHistory file: previous statuses (CRH inertia) and when each note got one',
    },
    seed: { kind: 'string', value: 'N', description: 'seed of the first fit’s initialisation (default 42)' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    const [sub, ...extra] = positional;
    if (sub !== 'score')
      throw new UsageError(sub ? `unknown notes command "${sub}" (try "notes score")` : 'missing "score"');
    if (extra.length || rest.length) throw new UsageError(`unexpected argument ${extra[0] ?? rest[0]}`);
    const need = (name: string) => {
      const v = flags[name];
      if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} FILE is required`);
      return v;
    };
    const notesPath = need('notes');
    const ratingsPath = need('ratings');
    const outPath = need('out');
    const seedText = flags.seed as string | undefined;
    const seed = seedText === undefined ? 42 : Number(seedText);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--seed expects a whole number, got ${seedText}`);
    const historyPath = flags['status-history'] as string | undefined;
    try {
      const started = Date.now();
      const noteRows = await readNotesTsv(notesPath);
      const ratingRows = await readRatingsTsv(ratingsPath);
      const history = historyPath ? await readStatusHistoryTsv(historyPath) : undefined;
      const result = scoreNotes(noteRows, ratingRows, {
        seed,
        previous: history?.previous,
        mostRecentNonNmrMillis: history?.mostRecentNonNmrMillis,
      });
      await writeScoredTsv(outPath, result.notes);
      const count = (s: string) => result.notes.filter((n) => n.coreRatingStatus === s).length;
      io.err(
        `scored ${result.notes.length} notes from ${ratingRows.length} ratings in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
          `${count('CURRENTLY_RATED_HELPFUL')} helpful, ${count('CURRENTLY_RATED_NOT_HELPFUL')} not helpful, ` +
          `${count('NEEDS_MORE_RATINGS')} need more ratings; ${result.raters.filter((r) => r.included).length} of ${result.raters.length} raters counted`,
      );
      io.err(`core model only; left out: ${result.omitted.join('; ')}`);
      return 0;
    } catch (err) {
      if (err instanceof NotesTsvError) {
        io.err(`lifeline notes score: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};
