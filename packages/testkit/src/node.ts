import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaults, type Config } from '@lifeline/config';
import { startNode, type RunningNode } from '@lifeline/node';

/** A node started for a test, with its own temporary data directory. */
export interface TestNode extends RunningNode {
  dataDir: string;
  /** Closes the node and deletes its data. */
  stop(): Promise<void>;
}

/** A fresh temporary directory under the OS temp dir. */
export function tempDir(prefix = 'lifeline-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts a real node on an ephemeral 127.0.0.1 port with a temp SQLite database. */
export async function startTestNode(overrides: Partial<Config> = {}): Promise<TestNode> {
  const dataDir = overrides.data ?? tempDir();
  const config: Config = { ...defaults(), logLevel: 'silent', port: 0, host: '127.0.0.1', data: dataDir, ...overrides };
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
