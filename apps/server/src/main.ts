import cluster from 'node:cluster';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config } from '@lifeline/config';
import { startNode } from '@lifeline/node';
import { isPrimaryOf, runPrimary } from './workers.js';

/** Where `lifeline serve` writes its lines (stderr: stdout stays free for data). */
export type Say = (line: string) => void;

/**
 * The web app built in this installation (`apps/web/dist`, made by `npm run build`). The entry
 * is where the apps meet: the node itself only ever sees the `webDir` setting.
 */
export function installedWebDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@lifeline/web/package.json')), 'dist');
}

/** Runs a node until SIGINT or SIGTERM, then shuts down cleanly; resolves to the exit code. */
export async function serve(config: Config, say: Say): Promise<number> {
  if (isPrimaryOf(config)) return runPrimary(config, say);
  // Listen for the signal first: one sent during start-up (or right after the "listening" line,
  // as a supervisor may) still shuts down cleanly once the node is up, instead of killing it.
  // Later signals are ignored while it shuts down (a supervisor that repeats SIGTERM, a second
  // Ctrl-C): in-flight writes still commit. SIGKILL remains for an operator who cannot wait.
  const signal = new Promise<NodeJS.Signals>((resolve) => {
    process.on('SIGINT', resolve);
    process.on('SIGTERM', resolve);
  });
  const node = await startNode({ ...config, webDir: config.webDir || installedWebDir() });
  // The backend is named because the wasm fallback verifies about 7x slower than the native addon.
  const signatures = node.signatures === 'native' ? 'native libsecp256k1' : 'wasm fallback (native addon not built)';
  say(`Lifeline listening on ${node.url} (data: ${config.data}; signatures: ${signatures})`);
  if (!node.identityEncrypted)
    say("note: the node's signing key is stored unencrypted; set LIFELINE_NODE_KEY_PASSPHRASE to encrypt it at rest");
  say(`${await signal}: shutting down`);
  await node.close();
  say('stopped cleanly');
  // A cluster worker's channel to the primary would keep it running after the node closed.
  if (cluster.isWorker) cluster.worker?.disconnect();
  return 0;
}
