import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { openCore } from '@lifeline/node';
import { UsageError, parseArgs } from '../args.js';
import { nodeConfig } from '../node-config.js';
import { Progress } from '../progress.js';
import type { Command } from './command.js';

/** `lifeline export`: every stored event as JSON Lines, byte-for-byte as stored. */
export const exportEvents: Command = {
  usage: 'export [--out FILE] [settings such as --data DIR]',
  about: `Writes every stored event, one JSON object per line, in the order it was stored. The output can
be read back by "lifeline import". Node settings (see "lifeline serve --help") choose the data
directory; the node need not be stopped, though events arriving meanwhile may be missed.`,
  flags: {
    out: { kind: 'string', value: 'FILE', description: 'write to FILE instead of standard output' },
  },
  async run(argv, io) {
    const { flags, positional, rest } = parseArgs(argv, this.flags);
    if (positional.length) throw new UsageError(`unexpected argument ${positional[0]}`);
    const config = nodeConfig(rest, process.env);
    const outPath = flags.out as string | undefined;
    const out: Writable = outPath ? createWriteStream(outPath) : process.stdout;
    const core = await openCore({ ...config, logLevel: 'warn' });
    const progress = new Progress(process.stderr, 'exported');
    let count = 0;
    try {
      for await (const { json } of core.store.iterate()) {
        // Respect backpressure so a huge export never buffers the whole store in memory.
        if (!out.write(json + '\n')) await once(out, 'drain');
        count++;
        progress.tick();
      }
    } finally {
      progress.finish();
      await core.close();
    }
    if (outPath) {
      out.end();
      await once(out, 'finish');
    }
    io.err(`exported ${count} events${outPath ? ` to ${outPath}` : ''}`);
    return 0;
  },
};
