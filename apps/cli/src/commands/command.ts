/** Output channels a command writes to; stdout carries data, stderr carries messages and progress. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
}

/** One subcommand of the `lifeline` program. */
export interface Command {
  /** Text shown for `lifeline <command> --help`. */
  help: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: string[], io: Io): Promise<number>;
}
