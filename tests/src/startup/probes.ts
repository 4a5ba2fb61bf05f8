import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { request, type Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

/** The built `lifeline` command, run as a user would. */
export const cliPath = fileURLToPath(new URL('../../../apps/cli/dist/main.js', import.meta.url));

/**
 * How one client attempt ended. `refused`: nothing listened. `answered`: a complete HTTP response
 * (or, for a WebSocket, the relay answered a REQ). `closed`: the server closed or reset the
 * connection without an answer, which only shutdown may do. `hung`: no outcome within the timeout,
 * which must never happen.
 */
export type Outcome =
  | { kind: 'refused' }
  | { kind: 'answered'; status: number; connection?: string; at: number }
  | { kind: 'closed'; detail: string }
  | { kind: 'hung'; detail: string };

const isRefused = (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED';

/** One HTTP GET of the NIP-11 document (served whether or not the web app is built). */
export function httpProbe(port: number, timeoutMs: number, agent: Agent | false = false): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/', agent, headers: { accept: 'application/nostr+json' } },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            kind: 'answered',
            status: res.statusCode ?? 0,
            connection: res.headers.connection,
            at: Date.now(),
          }),
        );
        res.on('error', (err) => resolve({ kind: 'closed', detail: `body: ${err.message}` }));
      },
    );
    req.setTimeout(timeoutMs, () => {
      resolve({ kind: 'hung', detail: `HTTP: nothing within ${timeoutMs} ms` });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) =>
      resolve(isRefused(err) ? { kind: 'refused' } : { kind: 'closed', detail: err.code ?? err.message }),
    );
    req.end();
  });
}

/** One WebSocket connect, then a REQ that the relay must answer (EOSE, or CLOSED while shutting down). */
export function wsProbe(port: number, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    let settled = false;
    const settle = (outcome: Outcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => settle({ kind: 'hung', detail: `WebSocket: nothing within ${timeoutMs} ms` }),
      timeoutMs,
    );
    ws.on('open', () => ws.send(JSON.stringify(['REQ', 'probe', { limit: 1 }])));
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as unknown[];
      if (msg[0] === 'EOSE' || msg[0] === 'CLOSED') settle({ kind: 'answered', status: 101, at: Date.now() });
    });
    ws.on('unexpected-response', (_req, res) =>
      settle({ kind: 'answered', status: res.statusCode ?? 0, connection: res.headers.connection, at: Date.now() }),
    );
    ws.on('error', (err: NodeJS.ErrnoException) =>
      settle(isRefused(err) ? { kind: 'refused' } : { kind: 'closed', detail: err.code ?? err.message }),
    );
    ws.on('close', (code) => settle({ kind: 'closed', detail: `close ${code}` }));
  });
}

/**
 * Runs `probe` in `loops` parallel loops, one attempt after another, until `stop()` is called;
 * `stop` resolves to every outcome once the attempts in flight have ended.
 */
export function hammer(loops: number, probe: () => Promise<Outcome>, pauseMs = 10): { stop(): Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      outcomes.push(await probe());
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  };
  const all = Promise.all(Array.from({ length: loops }, loop));
  return {
    async stop() {
      running = false;
      await all;
      return outcomes;
    },
  };
}

/** `lifeline serve` as its own process, with its stderr collected. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves when the "listening" line is printed; rejects if the process exits first. */
  listening: Promise<void>;
  exited: Promise<number | null>;
}

/** Spawns `lifeline serve` with `args`. */
export function spawnServe(args: string[]): ServeProcess {
  const child = spawn(process.execPath, [cliPath, 'serve', ...args]);
  let stderr = '';
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const listening = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Lifeline listening on')) resolve();
    });
    void exited.then(() => reject(new Error(`serve exited before listening: ${stderr}`)));
  });
  return { child, stderr: () => stderr, listening, exited };
}

/** Counts outcomes by kind (and status), for assertion messages. */
export function tally(outcomes: Outcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key =
      o.kind === 'answered'
        ? `answered ${o.status}`
        : o.kind === 'closed'
          ? `closed (${o.detail})`
          : o.kind === 'hung'
            ? `hung (${o.detail})`
            : o.kind;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
