import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { openCore } from '@lifeline/node';
import { UsageError, parseArgs } from '../args.js';
import { nodeConfig, requireNode } from '../node-config.js';
import { Progress, formatCount } from '../progress.js';
import type { Command } from './command.js';

/** `lifeline export`: every stored event as JSON Lines, byte-for-byte as stored. */
export const exportEvents: Command = {
  usage: 'export [--out FILE] [settings such as --data DIR]',
  about: `Writes every stored event, one JSON object per line, in the order it was stored. The output can
be read back by "lifeline import". Node settings (see "lifeline serve --help") choose the data
directory, which must hold a node; the node need not be stopped, though events arriving meanwhile
may be missed. On a terminal, progress shows the share done and the time left.`,
  flags: {
    out: { kind: 'string', value: 'FILE', description: 'write to FILE instead of standard output' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const config = nodeConfig(rest, process.env);
    // With --database-url the events are in PostgreSQL; --data holds no database file.
    if (!config.databaseUrl) requireNode(config.data);
    const outPath = flags.out as string | undefined;
    const out: Writable = outPath ? await openOutput(outPath) : process.stdout;
    const core = await openCore({ ...config, logLevel: 'warn' });
    let count = 0;
    let progress: Progress | undefined;
    try {
      progress = new Progress(process.stderr, 'exported', { total: await core.store.count([{}]) });
      for await (const { json } of core.store.iterate()) {
        // Respect backpressure so a huge export never buffers the whole store in memory.
        if (!out.write(`${json}\n`)) await once(out, 'drain');
        count++;
        progress.tick();
      }
    } finally {
      progress?.finish();
      await core.close();
    }
    if (outPath) {
      out.end();
      await once(out, 'finish');
    }
    io.err(`exported ${formatCount(count)} events${outPath ? ` to ${outPath}` : ''}`);
    return 0;
  },
};

/** A file opened for writing, or a UsageError saying why it cannot be. */
async function openOutput(path: string): Promise<Writable> {
  const out = createWriteStream(path);
  await once(out, 'open').catch((err: Error) => {
    throw new UsageError(`cannot write ${path}: ${err.message}`);
  });
  return out;
}
