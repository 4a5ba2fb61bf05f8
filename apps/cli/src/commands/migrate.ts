import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATABASE_FILE, openCore } from '@lifeline/node';
import { openEventPages } from '@lifeline/store-sqlite';
import { UsageError, parseArgs } from '../args.js';
import { nodeConfig } from '../node-config.js';
import { Progress, formatCount } from '../progress.js';
import type { Command } from './command.js';

const PAGE = 500;
const SHOWN_REJECTIONS = 10;

/** Where the copy to one database got to, kept in the source directory (the URL's password is not part of the name). */
function checkpointFile(from: string, to: string): string {
  const u = new URL(to);
  u.password = '';
  const tag = createHash('sha256').update(u.toString()).digest('hex').slice(0, 12);
  return join(from, `migrate-${tag}.json`);
}

function readCheckpoint(file: string): number {
  if (!existsSync(file)) return 0;
  const seq = (JSON.parse(readFileSync(file, 'utf8')) as { seq?: unknown }).seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : 0;
}

/** Replaces the checkpoint atomically, so an interrupted write never loses the previous one. */
function writeCheckpoint(file: string, seq: number): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ seq })}\n`);
  renameSync(`${file}.tmp`, file);
}

/** `lifeline migrate`: a SQLite node's events into a PostgreSQL database, through the relay's one way in. */
export const migrate: Command = {
  usage: 'migrate --from DATA_DIR --to postgres://… [settings]',
  about: `Copies every event of the SQLite node in DATA_DIR, in the order it was stored, into the PostgreSQL
database at the URL (the one "lifeline serve --database-url" will use), through the same pipeline as
"lifeline import": ids and signatures are checked again and NIP-09 deletions and NIP-62 requests to
vanish are applied again, so the target refuses what the source refused. Events that expired are
not copied. Resumable: the position reached is kept in DATA_DIR (migrate-<hash>.json) after each
page, and running the command again continues from there. The node in DATA_DIR may keep running;
events it stores meanwhile are copied by a later run. Media stay in DATA_DIR/media.`,
  flags: {
    from: { kind: 'string', value: 'DATA_DIR', description: "the SQLite node's data directory" },
    to: { kind: 'string', value: 'URL', description: 'the PostgreSQL database, postgres://user:password@host:port/db' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const from = flags.from as string | undefined;
    const to = flags.to as string | undefined;
    if (!from || !to) throw new UsageError('give both --from DATA_DIR and --to postgres://…');
    const path = join(from, DATABASE_FILE);
    if (!existsSync(path)) throw new UsageError(`${resolve(from)} holds no Lifeline node (no ${DATABASE_FILE})`);
    const config = nodeConfig([...rest, '--database-url', to, '--data', from], process.env);
    const pages = openEventPages(path);
    const checkpoint = checkpointFile(from, to);
    let position = readCheckpoint(checkpoint);
    const { total, upTo } = pages.counts(position);
    if (position > 0) io.err(`resuming after ${formatCount(upTo)} of ${formatCount(total)} events`);
    const core = await openCore({ ...config, logLevel: 'warn' }).catch((err: unknown) => {
      pages.close();
      throw err;
    });
    const progress = new Progress(process.stderr, 'events', { share: () => (upTo + seen) / Math.max(total, 1) });
    const counts = { copied: 0, duplicates: 0, rejected: 0 };
    const problems: string[] = [];
    let seen = 0;
    try {
      for (;;) {
        const rows = pages.after(position, PAGE);
        if (rows.length === 0) break;
        await Promise.all(
          rows.map(async ({ seq, json }) => {
            const result = await core.relay
              .addEvent(JSON.parse(json), { source: 'import' })
              .catch((err: Error) => ({ ok: false as const, message: `error: ${err.message}` }));
            if (result.ok && 'duplicate' in result && result.duplicate) counts.duplicates++;
            else if (result.ok) counts.copied++;
            else {
              counts.rejected++;
              if (problems.length < SHOWN_REJECTIONS) problems.push(`  event at position ${seq}: ${result.message}`);
            }
            seen++;
            progress.tick();
          }),
        );
        // Every event of the page is committed (or refused) in the target: resume after it.
        position = rows[rows.length - 1]!.seq;
        writeCheckpoint(checkpoint, position);
      }
    } finally {
      progress.finish();
      pages.close();
      await core.close();
    }
    const n = formatCount;
    io.err(`copied ${n(counts.copied)} events, ${n(counts.duplicates)} already there, ${n(counts.rejected)} refused`);
    if (problems.length) io.err(problems.join('\n'));
    return 0;
  },
};
