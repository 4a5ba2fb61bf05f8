import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, tempDir } from '@lifeline/testkit';

const cliPath = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));

/** `lifeline serve --workers N` running in a child process (the cluster primary). */
export interface Workers {
  url: string;
  httpUrl: string;
  port: number;
  primary: ChildProcess;
  /** Pids of the workers currently listening (a replaced one leaves, its successor joins). */
  pids: Set<number>;
  /** Everything the primary and its workers wrote to stderr. */
  log(): string;
  /** Resolves once a worker not in `known` is listening; returns its pid. */
  nextWorker(known: ReadonlySet<number>, timeoutMs?: number): Promise<number>;
  /** SIGTERM to the primary; resolves to its exit code. */
  stop(): Promise<number | null>;
}

/** Starts `lifeline serve --workers <n>` with `flags` on a free port and waits for every worker. */
export async function serveWorkers(n: number, flags: string[]): Promise<Workers> {
  const port = await freePort();
  const data = tempDir('lifeline-workers-');
  const primary = spawn(
    process.execPath,
    [cliPath, 'serve', '--workers', String(n), '--port', String(port), '--data', data, '--log-level', 'warn', ...flags],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  const pids = new Set<number>();
  const listeners = new Set<() => void>();
  primary.stderr!.on('data', (chunk: Buffer) => {
    log += chunk.toString();
    for (const m of log.matchAll(/worker (\d+) listening/g)) pids.add(Number(m[1]));
    for (const m of log.matchAll(/worker (\d+) exited/g)) pids.delete(Number(m[1]));
    for (const l of listeners) l();
  });
  const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
  // A test process that ends early takes the primary with it (its workers exit when it does).
  const orphaned = () => primary.kill('SIGKILL');
  process.once('exit', orphaned);
  void exited.then(() => process.removeListener('exit', orphaned));
  const waitLog = (pred: () => boolean, what: string, timeoutMs = 120_000) =>
    new Promise<void>((resolve, reject) => {
      if (pred()) return resolve();
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`timed out waiting for ${what}: ${log}`));
      }, timeoutMs);
      const check = () => {
        if (!pred()) return;
        clearTimeout(timer);
        listeners.delete(check);
        resolve();
      };
      listeners.add(check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`serve exited while waiting for ${what}: ${log}`));
      });
    });
  try {
    await waitLog(() => /Lifeline primary \d+: \d+ workers/.test(log), 'every worker');
  } catch (error) {
    primary.kill('SIGKILL');
    rmSync(data, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    port,
    primary,
    pids,
    log: () => log,
    async nextWorker(known, timeoutMs = 30_000) {
      let found: number | undefined;
      await waitLog(() => (found = [...pids].find((p) => !known.has(p))) !== undefined, 'a new worker', timeoutMs);
      return found!;
    },
    async stop() {
      if (primary.exitCode === null && primary.signalCode === null) primary.kill('SIGTERM');
      const timer = setTimeout(() => primary.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(timer);
      rmSync(data, { recursive: true, force: true });
      return code;
    },
  };
}
