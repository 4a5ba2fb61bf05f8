// The node for bench/rss/attack.mjs: a test node that writes its process.memoryUsage() as one JSON
// line to stderr on SIGUSR2 (after a forced collection when started with --expose-gc and GC=1).
const { startTestNode } = await import(
  `${process.env.ROOT ?? new URL('../..', import.meta.url).pathname.replace(/\/$/, '')}/packages/testkit/dist/node.js`
);
import v8 from 'node:v8';
const [dataDir, overridesJson = '{}'] = process.argv.slice(2);
const node = await startTestNode({ synchronous: 'FULL', ...JSON.parse(overridesJson), data: dataDir });
process.on('SIGUSR2', () => {
  if (process.env.GC && globalThis.gc) globalThis.gc();
  const m = process.memoryUsage();
  const h = v8.getHeapStatistics();
  process.stderr.write(
    `${JSON.stringify({
      mem: { ...m, total_heap: h.total_heap_size, malloced: h.malloced_memory, ext: h.external_memory },
    })}\n`,
  );
});
process.on('SIGTERM', async () => {
  await node.stop();
  process.exit(0);
});
process.stdout.write(`${JSON.stringify({ url: node.url, pid: process.pid })}\n`);
