/** Ingest scenario: publish pre-signed notes as fast as the relay acknowledges them. */
import { parseArgs } from './lib/args.js';
import { defaultDataDir, readEventLines, readMeta } from './lib/dataset.js';
import { describePublish, publishLines } from './lib/publish.js';
import { formatUsage, sampleProcess } from './lib/rss.js';
import { report } from './lib/stats.js';

const args = parseArgs();
const url = args.str('url', 'ws://127.0.0.1:7447');
const dir = args.str('data', defaultDataDir);
const connections = args.num('connections', 8);
const window = args.num('window', 500);
const offset = args.num('offset', 0);
const count = args.num('count', 200_000);
const maxSeconds = args.num('seconds', 120);
const pid = args.optional('pid');

readMeta(dir);
console.log(
  `ingest: ${count} events from offset ${offset} -> ${url}, ${connections} connections x window ${window}, max ${maxSeconds} s`,
);
const usage = sampleProcess(pid === undefined ? undefined : Number(pid));
const result = await publishLines(readEventLines(dir, offset, count), {
  url,
  connections,
  window,
  maxSeconds,
  progress: (line) => console.log(`  ${line}`),
});
const relay = usage?.stop();
const { rows, json } = describePublish(result);
report('ingest', [...rows, ['relay process', formatUsage(relay)]], {
  url,
  connections,
  window,
  offset,
  count,
  ...json,
  relay,
  benchCpuSeconds: Math.round(process.cpuUsage().user / 1e4) / 100,
});
