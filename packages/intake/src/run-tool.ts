import { spawn } from 'node:child_process';

/** One run of an outside program (tesseract, sendfax, gammu-smsd-inject). */
export interface ToolRun {
  command: string;
  args: readonly string[];
  /** Written to stdin, so contents (a reply's text, a page) never show in a process list. */
  input: Buffer | string;
  /** Killed with SIGKILL after this long. */
  timeoutMs: number;
  /** The Debian packages that provide `command`, named when it is missing. */
  debian: string;
  env?: NodeJS.ProcessEnv;
}

/** What a finished run left: its stdout, and the tail of stdout and stderr for error messages. */
export interface ToolResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The last 4,000 characters of stdout and stderr together. */
  tail: string;
}

/**
 * Runs a program in a child process (never on the event loop) with `input` on stdin. Resolves
 * with how it ended, whatever the exit code; rejects only when it could not start, naming the
 * Debian packages when the program is not installed.
 */
export function runTool(run: ToolRun): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.command, run.args, {
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(run.env ? { env: run.env } : {}),
    });
    const out: Buffer[] = [];
    let tail = '';
    const keep = (d: Buffer) => (tail = (tail + d.toString()).slice(-4000));
    const timer = setTimeout(() => child.kill('SIGKILL'), run.timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      out.push(d);
      keep(d);
    });
    child.stderr.on('data', keep);
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new Error(`${run.command} is not installed (Debian: ${run.debian})`) : e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), tail });
    });
    // A program that exits without reading all its input closes the pipe: its exit code says why.
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.input);
  });
}

/** The last line of a run's output, for an error message. */
export const lastLine = (r: ToolResult): string => r.tail.trim().split('\n').pop() ?? String(r.code);
