import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { defaults, type Config } from '@lifeline/config';
// The one place the kit reaches the node itself.
import { startNode, type RunningNode } from '@lifeline/node';
import type { TestBrowser } from './browser.js';
import { sharedPostgres } from './postgres.js';
import { RawClient } from './raw-client.js';
import { tempDir } from './temp.js';

/** A node started for a test, with its own temporary data directory. */
export interface TestNode extends RunningNode {
  dataDir: string;
  /** Closes the node and deletes its data (unless the caller chose the directory). */
  stop(): Promise<void>;
}

/**
 * With `LIFELINE_TEST_STORE=postgres`, test nodes keep their events in PostgreSQL: each data
 * directory gets its own database on this process's throwaway server (the same one again when a
 * node is restarted on that directory). Otherwise nothing changes: SQLite in the data directory.
 */
const databases = new Map<string, Promise<string>>();

async function storeFor(dataDir: string, overrides: Partial<Config>): Promise<Partial<Config>> {
  if (process.env.LIFELINE_TEST_STORE !== 'postgres' || overrides.databaseUrl) return {};
  let url = databases.get(dataDir);
  if (url === undefined) {
    url = sharedPostgres().then((pg) => pg.createDatabase('node'));
    databases.set(dataDir, url);
  }
  return { databaseUrl: await url };
}

/**
 * Starts a real node on an ephemeral 127.0.0.1 port with a temp SQLite database (or a PostgreSQL
 * one, with `LIFELINE_TEST_STORE=postgres`).
 */
export async function startTestNode(overrides: Partial<Config> = {}): Promise<TestNode> {
  const dataDir = overrides.data ?? tempDir();
  const store = await storeFor(dataDir, overrides);
  const config: Config = {
    ...defaults(),
    logLevel: 'silent',
    port: 0,
    host: '127.0.0.1',
    data: dataDir,
    ...store,
    ...overrides,
  };
  const node = await startNode(config);
  return {
    ...node,
    dataDir,
    async stop() {
      await node.close();
      if (!overrides.data) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A node running in its own process, for tests that kill it. */
export interface NodeProcess {
  proc: ChildProcess;
  url: string;
  /** Settles when the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

const launcher = fileURLToPath(new URL('./node-process.js', import.meta.url));

/**
 * Starts a node in a child process on `dataDir` (synchronous=FULL unless overridden) and waits
 * until it listens. SIGTERM shuts it down cleanly (exit 0); SIGKILL is a crash.
 */
export async function spawnTestNode(dataDir: string, overrides: Partial<Config> = {}): Promise<NodeProcess> {
  const store = await storeFor(dataDir, overrides);
  const proc = spawn(process.execPath, [launcher, dataDir, JSON.stringify({ ...store, ...overrides })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`node did not start: ${err}`));
    }, 15_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve((JSON.parse(out.slice(0, nl)) as { url: string }).url);
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`node exited (${code ?? signal}) before listening: ${err}`));
    });
  });
  return { proc, url, exited, stderr: () => err };
}

/** What `nodeSuite` starts: read its fields inside tests, once the hooks have run. */
export interface NodeSuite {
  node: TestNode;
  /** Connected to `node`; only with `client: true`. */
  client: RawClient;
  /** A headless Chromium; only with `browser: true`. */
  chrome: TestBrowser;
}

/**
 * Registers hooks that start a node (with `node` settings; a browser suite passes the web app's
 * `webDir`) and, when asked, a connected RawClient and a headless Chromium, before the tests of
 * this file or describe block, and stop them all after.
 */
export function nodeSuite(options: { client?: boolean; browser?: boolean; node?: Partial<Config> } = {}): NodeSuite {
  const suite = {} as NodeSuite;
  before(async () => {
    suite.node = await startTestNode(options.node);
    if (options.client) suite.client = await RawClient.connect(suite.node.url);
    if (options.browser) {
      // Loaded here, so a node process started by spawnTestNode never loads playwright.
      const { launchChromium } = await import('./browser.js');
      suite.chrome = await launchChromium();
    }
  });
  after(async () => {
    await suite.chrome?.close();
    await suite.client?.close();
    await suite.node?.stop();
  });
  return suite;
}
