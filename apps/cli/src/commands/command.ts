import { flagsHelp, type FlagSpecs } from '../args.js';

/** Output channels a command writes to; stdout carries data, stderr carries messages and progress. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** One subcommand of the `lifeline` program. */
export interface Command {
  /** The usage line after `usage: lifeline `, e.g. `post --relay URL [--key KEY] TEXT`. */
  usage: string;
  /** What the command does, in prose; the flags are listed from `flags`. */
  about: string;
  /** The command's own flags, declared once: parsing and --help both read them. */
  flags: FlagSpecs;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[], io: Io): Promise<number>;
}

/** The text of `lifeline <command> --help`. */
export function helpOf(command: Command): string {
  const flags = Object.keys(command.flags).length ? `\n\noptions:\n${flagsHelp(command.flags)}` : '';
  return `usage: lifeline ${command.usage}\n\n${command.about}${flags}`;
}
