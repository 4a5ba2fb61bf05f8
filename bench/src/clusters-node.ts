/**
 * A Lifeline node for the cluster bench, in its own process, with cluster detection on or off
 * (argv[2]: "on" | "off"); rate limits raised as for every ingest run. On "stop" it reports what
 * the clusterer found and dropped, then closes.
 */
import { rmSync } from 'node:fs';
import { defaults } from '@lifeline/config';
import { startNode } from '@lifeline/node';
import { tempDir } from '@lifeline/testkit';

const on = process.argv[2] === 'on';
const data = tempDir('lifeline-bench-clusters-');
const node = await startNode({
  ...defaults(),
  port: 0,
  host: '127.0.0.1',
  data,
  logLevel: 'warn',
  clusterDetection: on,
  avatarFetch: false,
  pubkeyEventsPerMinute: 1_000_000,
  pubkeyBurst: 100_000,
  connectionMessagesPerSecond: 100_000,
  connectionBurst: 100_000,
});

process.on('message', async (msg: { stop?: true }) => {
  if (!msg.stop) return;
  const clusters = node.signals.clusters;
  const settleStart = Date.now();
  await clusters?.settled();
  const found = clusters ? await clusters.clusters(500) : [];
  process.send?.({
    clusters: found.length,
    largest: found[0]?.accounts.length ?? 0,
    dropped: clusters?.dropped ?? 0,
    settleMs: Date.now() - settleStart,
  });
  await node.close();
  rmSync(data, { recursive: true, force: true });
  process.exit(0);
});
process.send?.({ url: node.url, pid: process.pid });
