/** Signs event ids in batches through the native schnorr-sign helper (system libsecp256k1). */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'native', 'schnorr-sign.c');

/** Compiles the helper into `dir` once (needs gcc and libsecp256k1-dev); returns its path or null. */
export function buildNativeSigner(dir: string): string | null {
  const binary = join(dir, 'schnorr-sign');
  if (existsSync(binary)) return binary;
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync('gcc', ['-O2', '-o', binary, source, '-lsecp256k1'], { stdio: 'inherit' });
    return binary;
  } catch {
    return null;
  }
}

/** One helper process; `sign` calls must not overlap (each waits for its own batch of lines). */
export class NativeSigner {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffered = '';
  private waiting: { needed: number; lines: string[]; resolve(lines: string[]): void } | null = null;

  constructor(binary: string) {
    this.child = spawn(binary, [], { stdio: 'pipe' });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => this.onData(chunk));
  }

  /** Returns one 128-hex signature per [secret key hex, id hex] pair, in order. */
  sign(pairs: [string, string][]): Promise<string[]> {
    return new Promise((resolve) => {
      this.waiting = { needed: pairs.length, lines: [], resolve };
      this.child.stdin.write(pairs.map(([sk, id]) => `${sk} ${id}\n`).join(''));
      this.onData('');
    });
  }

  /** Ends the helper process. */
  close(): void {
    this.child.stdin.end();
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    const wait = this.waiting;
    if (wait === null) return;
    let newline = this.buffered.indexOf('\n');
    while (newline >= 0 && wait.lines.length < wait.needed) {
      const line = this.buffered.slice(0, newline);
      if (line === 'error') throw new Error('native signer rejected a key or id');
      wait.lines.push(line);
      this.buffered = this.buffered.slice(newline + 1);
      newline = this.buffered.indexOf('\n');
    }
    if (wait.lines.length === wait.needed) {
      this.waiting = null;
      wait.resolve(wait.lines);
    }
  }
}
