// Reads and writes the public Community Notes data download (notes-00000.tsv, ratings-00000.tsv,
// plain or gzip; columns as documented in documentation/under-the-hood/download-data.md) and writes
// scored notes. Node-only, kept apart from the pure scorer. Files are streamed line by line, so a
// million ratings need only the rows themselves in memory.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { NotesTsvError, records } from './tsv-records.js';
import type { Classification, Helpfulness, NoteRow, RatingRow, RatingStatus, ScoredNote } from './types.js';

export { NotesTsvError };

const CLASSIFICATIONS: readonly Classification[] = ['MISINFORMED_OR_POTENTIALLY_MISLEADING', 'NOT_MISLEADING'];
const LEVELS: readonly Helpfulness[] = ['HELPFUL', 'SOMEWHAT_HELPFUL', 'NOT_HELPFUL'];

/** The rating tag columns of the public format, in its order. */
export const RATING_TAG_COLUMNS = [
  'helpfulOther',
  'helpfulInformative',
  'helpfulClear',
  'helpfulEmpathetic',
  'helpfulGoodSources',
  'helpfulUniqueContext',
  'helpfulAddressesClaim',
  'helpfulImportantContext',
  'helpfulUnbiasedLanguage',
  'notHelpfulOther',
  'notHelpfulIncorrect',
  'notHelpfulSourcesMissingOrUnreliable',
  'notHelpfulOpinionSpeculationOrBias',
  'notHelpfulMissingKeyPoints',
  'notHelpfulOutdated',
  'notHelpfulHardToUnderstand',
  'notHelpfulArgumentativeOrBiased',
  'notHelpfulOffTopic',
  'notHelpfulSpamHarassmentOrAbuse',
  'notHelpfulIrrelevantSources',
  'notHelpfulOpinionSpeculation',
  'notHelpfulNoteNotNeeded',
] as const;

/** Column positions from a header line; `need` lists alternatives for each required column. */
function columns(
  path: string,
  header: readonly string[],
  need: Record<string, readonly string[]>,
): Record<string, number> {
  const names = header.map((n, i) => (i === 0 ? n.replace(/^\uFEFF/, '') : n));
  const at = new Map(names.map((n, i) => [n.trim(), i]));
  const out: Record<string, number> = {};
  for (const [key, alternatives] of Object.entries(need)) {
    const found = alternatives.find((a) => at.has(a));
    if (found === undefined) {
      throw new NotesTsvError(
        `${path}: missing column ${alternatives.map((a) => `"${a}"`).join(' or ')} (header has: ${names.slice(0, 8).join(', ')}${names.length > 8 ? ', …' : ''})`,
      );
    }
    out[key] = at.get(found) as number;
  }
  return out;
}

function millis(path: string, line: number, value: string | undefined, column: string): number {
  const v = Number(value);
  if (value === undefined || value === '' || !Number.isFinite(v)) {
    throw new NotesTsvError(`${path} line ${line}: ${column} ${JSON.stringify(value ?? '')} is not a number`);
  }
  return v;
}

function id(path: string, line: number, value: string | undefined, column: string): string {
  if (!value) throw new NotesTsvError(`${path} line ${line}: ${column} is empty`);
  return value;
}

/** Reads a notes file of the public download. */
export async function readNotesTsv(path: string): Promise<NoteRow[]> {
  const out: NoteRow[] = [];
  let col: Record<string, number> | undefined;
  for await (const [f, n] of records(path)) {
    if (!col) {
      col = columns(path, f, {
        noteId: ['noteId'],
        author: ['noteAuthorParticipantId', 'participantId'],
        created: ['createdAtMillis'],
        classification: ['classification'],
      });
      continue;
    }
    if (f.length === 1 && f[0] === '') continue;
    const classification = f[col.classification as number] as Classification;
    if (!CLASSIFICATIONS.includes(classification)) {
      throw new NotesTsvError(
        `${path} line ${n}: classification ${JSON.stringify(classification ?? '')} is not one of ${CLASSIFICATIONS.join(', ')}`,
      );
    }
    out.push({
      noteId: id(path, n, f[col.noteId as number], 'noteId'),
      noteAuthorParticipantId: id(path, n, f[col.author as number], 'noteAuthorParticipantId'),
      createdAtMillis: millis(path, n, f[col.created as number], 'createdAtMillis'),
      classification,
    });
  }
  if (!col) throw new NotesTsvError(`${path}: empty file (no header line)`);
  return out;
}

/**
 * Reads a ratings file of the public download. Old rows without helpfulnessLevel fall back to the
 * legacy helpful/notHelpful columns, as the reference does.
 */
export async function readRatingsTsv(path: string): Promise<RatingRow[]> {
  const out: RatingRow[] = [];
  let col: Record<string, number> | undefined;
  let tagCols: [string, number][] = [];
  let legacy: { helpful?: number; notHelpful?: number } = {};
  for await (const [f, n] of records(path)) {
    if (!col) {
      col = columns(path, f, {
        noteId: ['noteId'],
        rater: ['raterParticipantId', 'participantId'],
        created: ['createdAtMillis'],
        level: ['helpfulnessLevel'],
      });
      const names = f.map((s) => s.trim());
      tagCols = RATING_TAG_COLUMNS.map((t) => [t, names.indexOf(t)] as [string, number]).filter(([, i]) => i >= 0);
      const h = names.indexOf('helpful');
      const nh = names.indexOf('notHelpful');
      legacy = { helpful: h >= 0 ? h : undefined, notHelpful: nh >= 0 ? nh : undefined };
      continue;
    }
    if (f.length === 1 && f[0] === '') continue;
    let level = f[col.level as number] as Helpfulness | '';
    if (!level && legacy.helpful !== undefined && f[legacy.helpful] === '1') level = 'HELPFUL';
    if (!level && legacy.notHelpful !== undefined && f[legacy.notHelpful] === '1') level = 'NOT_HELPFUL';
    if (!LEVELS.includes(level as Helpfulness)) {
      throw new NotesTsvError(
        `${path} line ${n}: helpfulnessLevel ${JSON.stringify(level ?? '')} is not one of ${LEVELS.join(', ')}`,
      );
    }
    const row: RatingRow = {
      noteId: id(path, n, f[col.noteId as number], 'noteId'),
      raterParticipantId: id(path, n, f[col.rater as number], 'raterParticipantId'),
      createdAtMillis: millis(path, n, f[col.created as number], 'createdAtMillis'),
      helpfulnessLevel: level as Helpfulness,
    };
    let tags: string[] | undefined;
    for (const [name, i] of tagCols) {
      if (f[i] === '1') (tags ??= []).push(name);
    }
    if (tags) row.tags = tags;
    out.push(row);
  }
  if (!col) throw new NotesTsvError(`${path}: empty file (no header line)`);
  return out;
}

/** A line sink over a file (gzip when the name ends in .gz) that respects back-pressure. */
async function withWriter(
  path: string,
  body: (write: (line: string) => Promise<void>) => Promise<void>,
): Promise<void> {
  const file = createWriteStream(path);
  const gz = path.endsWith('.gz');
  const out: Writable = gz ? createGzip() : file;
  if (gz) (out as ReturnType<typeof createGzip>).pipe(file);
  const failed = new Promise<never>((_, reject) => {
    file.on('error', (e) =>
      reject(new NotesTsvError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? e.message})`)),
    );
  });
  failed.catch(() => {});
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await Promise.race([once(out, 'drain'), failed]);
  };
  await Promise.race([body(write), failed]);
  out.end();
  await Promise.race([once(file, 'close'), failed]);
}

/** Writes notes in the public format (the columns the scorer reads, in the download's order). */
export async function writeNotesTsv(path: string, notes: readonly NoteRow[]): Promise<void> {
  await withWriter(path, async (write) => {
    await write(['noteId', 'noteAuthorParticipantId', 'createdAtMillis', 'tweetId', 'classification'].join('\t'));
    for (const n of notes)
      await write([n.noteId, n.noteAuthorParticipantId, n.createdAtMillis, '0', n.classification].join('\t'));
  });
}

/** Writes ratings in the public format, tag columns included. */
export async function writeRatingsTsv(path: string, ratings: readonly RatingRow[]): Promise<void> {
  await withWriter(path, async (write) => {
    await write(
      [
        'noteId',
        'raterParticipantId',
        'createdAtMillis',
        'version',
        'agree',
        'disagree',
        'helpful',
        'notHelpful',
        'helpfulnessLevel',
        ...RATING_TAG_COLUMNS,
      ].join('\t'),
    );
    for (const r of ratings) {
      const tags = new Set(r.tags ?? []);
      const legacyHelpful = r.helpfulnessLevel === 'HELPFUL' ? '1' : '0';
      const legacyNot = r.helpfulnessLevel === 'NOT_HELPFUL' ? '1' : '0';
      await write(
        [
          r.noteId,
          r.raterParticipantId,
          r.createdAtMillis,
          '2',
          '0',
          '0',
          legacyHelpful,
          legacyNot,
          r.helpfulnessLevel,
          ...RATING_TAG_COLUMNS.map((t) => (tags.has(t) ? '1' : '0')),
        ].join('\t'),
      );
    }
  });
}

/** The scored-notes columns, named as in the reference's scoredNotes.tsv. */
export const SCORED_COLUMNS = ['noteId', 'coreNoteIntercept', 'coreNoteFactor1', 'coreRatingStatus'] as const;

/** Writes one row per note: noteId, coreNoteIntercept, coreNoteFactor1, coreRatingStatus. */
export async function writeScoredTsv(path: string, notes: readonly ScoredNote[]): Promise<void> {
  await withWriter(path, async (write) => {
    await write(SCORED_COLUMNS.join('\t'));
    for (const n of notes) {
      await write([n.noteId, n.coreNoteIntercept ?? '', n.coreNoteFactor1 ?? '', n.coreRatingStatus].join('\t'));
    }
  });
}

/** What a previous run left per note, from a noteStatusHistory file of the public download. */
export interface StatusHistory {
  /** currentStatus per note, for the CRH inertia band */
  previous: Map<string, RatingStatus>;
  /** timestampMillisOfLatestNonNMRStatus per note, which ends the window of valid ratings */
  mostRecentNonNmrMillis: Map<string, number>;
}

const STATUSES: readonly RatingStatus[] = [
  'CURRENTLY_RATED_HELPFUL',
  'CURRENTLY_RATED_NOT_HELPFUL',
  'NEEDS_MORE_RATINGS',
];

/** Reads noteStatusHistory-00000.tsv (noteId, currentStatus, timestampMillisOfLatestNonNMRStatus). */
export async function readStatusHistoryTsv(path: string): Promise<StatusHistory> {
  const previous = new Map<string, RatingStatus>();
  const mostRecentNonNmrMillis = new Map<string, number>();
  let col: Record<string, number> | undefined;
  for await (const [f, n] of records(path)) {
    if (!col) {
      col = columns(path, f, {
        noteId: ['noteId'],
        status: ['currentStatus'],
        latest: ['timestampMillisOfLatestNonNMRStatus'],
      });
      continue;
    }
    if (f.length === 1 && f[0] === '') continue;
    const noteId = id(path, n, f[col.noteId as number], 'noteId');
    const status = f[col.status as number] ?? '';
    if (status !== '') {
      if (!STATUSES.includes(status as RatingStatus)) {
        throw new NotesTsvError(
          `${path} line ${n}: currentStatus ${JSON.stringify(status)} is not one of ${STATUSES.join(', ')}`,
        );
      }
      previous.set(noteId, status as RatingStatus);
    }
    const latest = f[col.latest as number] ?? '';
    if (latest !== '' && latest !== '-1')
      mostRecentNonNmrMillis.set(noteId, millis(path, n, latest, 'timestampMillisOfLatestNonNMRStatus'));
  }
  if (!col) throw new NotesTsvError(`${path}: empty file (no header line)`);
  return { previous, mostRecentNonNmrMillis };
}
