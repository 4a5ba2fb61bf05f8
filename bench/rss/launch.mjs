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
      mem: {
        ...m,
        total_heap: h.total_heap_size,
        malloced: h.malloced_memory,
        ext: h.external_memory,
        // Committed size of each V8 space (new_space is the young generation), for attribution.
        spaces: Object.fromEntries(v8.getHeapSpaceStatistics().map((x) => [x.space_name, x.space_size])),
      },
    })}\n`,
  );
});
// SNAPDIR=<dir>: SIGHUP writes a V8 heap snapshot there (snapshots collect first, so they hold
// only live objects). GCLOG=1: every major collection to stderr, marking forced ones (the idle
// collection's) apart from V8's own.
let snaps = 0;
if (process.env.SNAPDIR)
  process.on('SIGHUP', () => {
    const file = `${process.env.SNAPDIR}/${++snaps}.heapsnapshot`;
    v8.writeHeapSnapshot(file);
    process.stderr.write(`${JSON.stringify({ mem: { snapshot: file, ...process.memoryUsage() } })}\n`);
  });
if (process.env.GCLOG) {
  const { PerformanceObserver, constants: c } = await import('node:perf_hooks');
  const t0 = Date.now();
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.detail.kind !== c.NODE_PERFORMANCE_GC_MAJOR) continue;
      const forced = (e.detail.flags & c.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0;
      const m = process.memoryUsage();
      process.stderr.write(
        `gc ${((Date.now() - t0) / 1000).toFixed(1)}s ${forced ? 'FORCED' : 'v8'} flags ${e.detail.flags} ${e.duration.toFixed(0)}ms heapTotal ${(m.heapTotal / 1048576).toFixed(1)} used ${(m.heapUsed / 1048576).toFixed(1)} ext ${(m.external / 1048576).toFixed(1)}\n`,
      );
    }
  }).observe({ entryTypes: ['gc'] });
}
process.on('SIGTERM', async () => {
  await node.stop();
  process.exit(0);
});
process.stdout.write(`${JSON.stringify({ url: node.url, pid: process.pid })}\n`);
