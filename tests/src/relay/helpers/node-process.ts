/**
 * Runs one node as its own process, for tests that kill it: `node node-process.js <dataDir> [overridesJson]`.
 * Prints `{"url": ...}` as one JSON line once listening; SIGTERM/SIGINT shut it down cleanly (exit 0).
 */
import { defaults, type Config } from '@lifeline/config';
import { startNode } from '@lifeline/node';

const [dataDir, overridesJson = '{}'] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: node-process.js <dataDir> [overridesJson]\n');
  process.exit(2);
}

const config: Config = {
  ...defaults(),
  logLevel: 'silent',
  host: '127.0.0.1',
  port: 0,
  synchronous: 'FULL',
  ...(JSON.parse(overridesJson) as Partial<Config>),
  data: dataDir,
};
const node = await startNode(config);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await node.close();
    process.exit(0);
  } catch (err) {
    process.stderr.write(`close failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  }
}
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
process.stdout.write(`${JSON.stringify({ url: node.url, pid: process.pid })}\n`);
