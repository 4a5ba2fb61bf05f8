import { createReadStream, statSync, type ReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { openCore } from '@lifeline/node';
import { UsageError, parseArgs } from '../args.js';
import { createsNode, nodeConfig } from '../node-config.js';
import { Progress, formatCount } from '../progress.js';
import type { Command } from './command.js';

// Enough to keep the verifier and write batches busy without holding a whole file in memory.
const IN_FLIGHT = 256;
const SHOWN_REJECTIONS = 10;

/** `lifeline import`: JSON Lines of events through the relay's one way in. */
export const importEvents: Command = {
  usage: 'import [FILE | -] [settings such as --data DIR]',
  about: `Reads one event per line from FILE (or stdin when FILE is "-" or absent) and adds each through the
same pipeline as a WebSocket client, with source "import": ids and signatures are verified and the
node's policies apply (per-author rate limits do not). Malformed lines are reported with their line
number and skipped. Exits 1 when any line was rejected or malformed. Node settings are the flags of
"lifeline serve --help". A data directory without a node gets a new one if it is new or empty (to
restore a backup); one holding other files is refused. Reading a FILE on a terminal, progress shows
the share read and the time left.`,
  flags: {},
  async run(argv, io) {
    const { positional, rest } = parseArgs(argv, this.flags);
    if (positional.length > 1) throw new UsageError(`unexpected argument ${positional[1]}`);
    const file = positional[0] ?? '-';
    const config = nodeConfig(rest, process.env);
    const input: Readable = file === '-' ? process.stdin : createReadStream(file);
    const opened = new Promise<void>((done, fail) => {
      if (file === '-') done();
      input.once('open', () => done()).once('error', fail);
    });
    await opened.catch((err: Error) => {
      throw new UsageError(`cannot read ${file}: ${err.message}`);
    });
    if (!config.databaseUrl && createsNode(config.data)) io.err(`no node in ${resolve(config.data)} yet: creating one`);
    const core = await openCore({ ...config, logLevel: 'warn' });
    // A file's size is the known total: the share read is the share done.
    const size = file === '-' ? 0 : statSync(file).size;
    const progress = new Progress(
      process.stderr,
      'lines',
      size ? { share: () => (input as ReadStream).bytesRead / size } : {},
    );
    const counts = { accepted: 0, duplicates: 0, rejected: 0, malformed: 0 };
    const problems: string[] = [];
    const note = (line: number, why: string) => {
      if (problems.length < SHOWN_REJECTIONS) problems.push(`  line ${line}: ${why}`);
    };
    const pending = new Set<Promise<void>>();
    let lineNo = 0;
    try {
      for await (const text of createInterface({ input, crlfDelay: Infinity })) {
        const line = ++lineNo;
        if (text.trim() === '') {
          progress.tick();
          continue;
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          counts.malformed++;
          note(line, 'malformed JSON, skipped');
          progress.tick();
          continue;
        }
        const p = core.relay.addEvent(parsed, { source: 'import' }).then(
          (r) => {
            if (r.ok && r.duplicate) counts.duplicates++;
            else if (r.ok) counts.accepted++;
            else {
              counts.rejected++;
              note(line, r.message);
            }
            progress.tick();
          },
          // The pipeline answers failures as values; anything thrown is counted, not fatal.
          (err: Error) => {
            counts.rejected++;
            note(line, `error: ${err.message}`);
          },
        );
        pending.add(p);
        void p.finally(() => pending.delete(p));
        if (pending.size >= IN_FLIGHT) await Promise.race(pending);
      }
      await Promise.all(pending);
    } finally {
      progress.finish();
      await core.close();
    }
    const n = formatCount;
    io.err(
      `read ${n(lineNo)} lines: ${n(counts.accepted)} accepted, ${n(counts.duplicates)} duplicates, ` +
        `${n(counts.rejected)} rejected, ${n(counts.malformed)} malformed`,
    );
    const failures = counts.rejected + counts.malformed;
    if (problems.length)
      io.err(
        problems.join('\n') + (failures > problems.length ? `\n  … and ${n(failures - problems.length)} more` : ''),
      );
    return failures > 0 ? 1 : 0;
  },
};
