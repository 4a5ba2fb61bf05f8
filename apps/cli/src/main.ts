import { ConfigError } from '@lifeline/config';
import { StartError } from '@lifeline/node/start-error';
import { UsageError } from './args.js';
import { KeyError } from './keys.js';
import { helpOf, type Command, type Io } from './commands/command.js';

interface Entry {
  summary: string;
  /** Loaded on demand, so `keygen` or `post` never open storage or load the native verifier. */
  load(): Promise<Command>;
}

const commands: Record<string, Entry> = {
  serve: {
    summary: 'run the node (relay, web and HTTP APIs on one port)',
    load: async () => (await import('./commands/serve.js')).serve,
  },
  post: {
    summary: 'sign a note and publish it to one or more relays',
    load: async () => (await import('./commands/post.js')).post,
  },
  keygen: {
    summary: 'generate a key pair (nsec, or NIP-49 ncryptsec)',
    load: async () => (await import('./commands/keygen.js')).keygen,
  },
  import: {
    summary: 'add events from JSON Lines through the relay pipeline',
    load: async () => (await import('./commands/import.js')).importEvents,
  },
  export: {
    summary: 'write every stored event as JSON Lines',
    load: async () => (await import('./commands/export.js')).exportEvents,
  },
  'export-site': {
    summary: 'write live-blogs, accounts or hashtags as a static site that verifies itself',
    load: async () => (await import('./commands/export-site.js')).exportSite,
  },
  intake: {
    summary: 'hand a received SMS (gammu-smsd) or fax (HylaFAX) to the local node',
    load: async () => (await import('./commands/intake.js')).intake,
  },
  migrate: {
    summary: "copy a SQLite node's events into PostgreSQL (resumable)",
    load: async () => (await import('./commands/migrate.js')).migrate,
  },
  sync: {
    summary: 'reconcile the node (or a relay) with another relay: NIP-77, REQ paging as fallback',
    load: async () => (await import('./commands/sync.js')).sync,
  },
  notes: {
    summary: 'score Community Notes files (public TSV format) with the core model',
    load: async () => (await import('./commands/notes.js')).notes,
  },
  'config-docs': {
    summary: 'print the configuration reference (docs/config.md)',
    load: async () => (await import('./commands/config-docs.js')).configDocs,
  },
};

function usage(): string {
  const list = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return [
    'usage: lifeline <command> [options]',
    '',
    'commands:',
    ...list,
    '',
    'lifeline <command> --help for details.',
  ].join('\n');
}

// `lifeline export | head`: the reader left, so stop quietly as other Unix tools do.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(0);
});

const io: Io = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
};

/**
 * The exit code of a failure the user can fix, printed as one line: 2 when the command line is
 * wrong, 1 when the command could not do its work (port taken, directory not writable).
 */
function expectedFailure(err: unknown): number | undefined {
  if (err instanceof UsageError || err instanceof ConfigError || err instanceof KeyError) return 2;
  if (err instanceof StartError) return 1;
  return undefined;
}

/** An unexpected failure in words: a system error's message, a bug's stack, never `[object Object]`. */
function describe(err: unknown): string {
  if (err instanceof Error) return (err as NodeJS.ErrnoException).code ? err.message : (err.stack ?? err.message);
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : (JSON.stringify(err) ?? String(err));
}

/** Runs one command; expected failures become one line and an exit code. */
async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    io.err(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    io.err(`lifeline: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(helpOf(command));
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    const code = expectedFailure(err);
    io.err(`lifeline ${name}: ${code === undefined ? describe(err) : (err as Error).message}`);
    return code ?? 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    io.err(`lifeline: ${describe(err)}`);
    process.exitCode = 1;
  },
);
