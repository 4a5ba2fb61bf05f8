import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Test-only helper shared by the CLI's tests; the program never imports it.

const bin = fileURLToPath(new URL('./main.js', import.meta.url));

/** What a finished CLI run printed and how it exited. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `lifeline` as a user would, optionally feeding stdin. */
export function cli(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...process.env, ...options.env }, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? '');
  });
}
