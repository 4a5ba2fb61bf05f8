/**
 * The child side of `spawnTestNode`: `node node-process.js <dataDir> [overridesJson]`. Prints
 * `{"url": ...}` as one JSON line once listening; SIGTERM/SIGINT shut it down cleanly (exit 0).
 */
import type { Config } from '@lifeline/config';
import { startTestNode } from './node.js';

const [dataDir, overridesJson = '{}'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: node-process.js <dataDir> [overridesJson]\n');
  process.exit(2);
}

const node = await startTestNode({
  synchronous: 'FULL',
  ...(JSON.parse(overridesJson) as Partial<Config>),
  data: dataDir,
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await node.stop();
    process.exit(0);
  } catch (err) {
    process.stderr.write(`close failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdout.write(`${JSON.stringify({ url: node.url, pid: process.pid })}\n`);
