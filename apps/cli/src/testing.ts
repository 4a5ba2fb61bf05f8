import { execFile, spawn, spawnSync } from 'node:child_process';
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

/** True when util-linux `script` can give a run a terminal. */
export const hasTerminal = spawnSync('script', ['--version']).status === 0;

/**
 * Runs the built `lifeline` on a terminal (made by util-linux `script`), typing each of `answers`
 * once a prompt (`passphrase: `, `again: `) shows. The output is what the terminal showed.
 */
export function onTerminal(args: string[], answers: string[] = []): Promise<{ code: number | null; output: string }> {
  const child = spawn('script', ['-qec', [process.execPath, bin, ...args].map((a) => `'${a}'`).join(' '), '/dev/null']);
  let output = '';
  let typed = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    const prompts = (output.match(/passphrase: |again: /g) ?? []).length;
    while (typed < prompts && typed < answers.length) child.stdin.write(`${answers[typed++]}\r`);
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output: output.replace(/\r/g, '') })));
}
