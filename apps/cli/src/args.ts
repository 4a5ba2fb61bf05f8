import { flagName, schema } from '@lifeline/config';

/** How a command's own flag is read: a string value, a repeatable string, or a switch. */
export type FlagKind = 'string' | 'list' | 'boolean';

/** One flag of a command, declared once: how it is read and how --help shows it. */
export interface FlagSpec {
  kind: FlagKind;
  /** What the value stands for in --help (`URL`, `FILE`); absent for switches. */
  value?: string;
  /**
   * A string flag that may be given without its value (`--passphrase` alone reads `true`). It takes
   * the next word only when that is not a flag, so it suits commands without positional arguments.
   */
  optional?: boolean;
  description: string;
}

/** A command's flags by name (without the leading --). */
export type FlagSpecs = Record<string, FlagSpec>;

/** The flags section of a command's --help, built from its declarations. */
export function flagsHelp(specs: FlagSpecs): string {
  const rows = Object.entries(specs).map(([name, s]) => {
    const value = !s.value ? '' : s.optional ? `[=${s.value}]` : ` ${s.value}`;
    return [`--${name}${value}`, s.kind === 'list' ? `${s.description} (repeatable)` : s.description] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
}

/** A command's own flags, split from everything else on its command line. */
export interface ParsedArgs {
  flags: Record<string, string | string[] | boolean | undefined>;
  /** Arguments that are neither the command's flags nor their values. */
  positional: string[];
  /** Unclaimed `--flags` with their values, in order: handed on to loadConfig. */
  rest: string[];
}

/** A command-line mistake; main prints it with the usage and exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Takes the flags a command declares (`--name value`, `--name=value`, switches) out of argv.
 * Other `--flags` and the value after them go to `rest` so node settings reach loadConfig intact.
 */
export function parseArgs(argv: readonly string[], specs: FlagSpecs): ParsedArgs {
  const flags: ParsedArgs['flags'] = {};
  const positional: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq >= 0 ? eq : undefined);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    const kind = spec?.kind;
    if (kind === undefined) {
      // A node setting: keep its value with it unless it is a switch or written --x=y.
      rest.push(arg);
      const next = argv[i + 1];
      if (eq < 0 && next !== undefined && !next.startsWith('--') && takesValue(name, next)) rest.push(argv[++i]!);
      continue;
    }
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags[name] = true;
      continue;
    }
    if (spec?.optional && eq < 0 && (argv[i + 1] === undefined || argv[i + 1]!.startsWith('--'))) {
      flags[name] = true;
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (kind === 'list') flags[name] = [...((flags[name] as string[] | undefined) ?? []), value];
    else flags[name] = value;
  }
  return { flags, positional, rest };
}

const booleanSettings = new Set(
  Object.entries(schema)
    .filter(([, s]) => s.type === 'boolean')
    .map(([k]) => flagName(k)),
);

// A boolean node setting (`--auth-required`) only owns the next word when it is a truth value,
// so `import --auth-required backup.jsonl` keeps the file name positional.
function takesValue(name: string, next: string): boolean {
  return !booleanSettings.has(name) || /^(true|false|1|0|yes|no|on|off)$/.test(next);
}
