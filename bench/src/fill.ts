/** Loads the whole dataset into a relay (for the query scenarios), skipping it if the relay already holds it. */
import { parseArgs } from './lib/args.js';
import { connect, parseFrame } from './lib/client.js';
import { defaultDataDir, lineId, readEventLines, readMeta } from './lib/dataset.js';
import { describePublish, publishLines } from './lib/publish.js';
import { formatUsage, sampleProcess } from './lib/rss.js';
import { report } from './lib/stats.js';

const args = parseArgs();
const url = args.str('url', 'ws://127.0.0.1:7447');
const dir = args.str('data', defaultDataDir);
const pid = args.optional('pid');
const meta = readMeta(dir);

/** Asks the relay for a spread of dataset ids; if all come back, the relay already holds the dataset. */
async function alreadyFilled(): Promise<boolean> {
  const step = Math.max(1, Math.floor(meta.events / 50));
  const wanted = new Set<string>();
  let index = 0;
  for await (const line of readEventLines(dir)) {
    if (index % step === 0 || index === meta.events - 1) wanted.add(lineId(line));
    index++;
  }
  const ws = await connect(url);
  const found = await new Promise<number>((resolve) => {
    let n = 0;
    ws.on('message', (data) => {
      const msg = parseFrame(data);
      if (msg[0] === 'EVENT' && msg[1] === 'fill-check') n++;
      if ((msg[0] === 'EOSE' || msg[0] === 'CLOSED') && msg[1] === 'fill-check') resolve(n);
    });
    ws.send(JSON.stringify(['REQ', 'fill-check', { ids: [...wanted], limit: wanted.size }]));
  });
  ws.close();
  console.log(`fill: relay holds ${found}/${wanted.size} sampled dataset events`);
  return found === wanted.size;
}

if (!args.flag('force') && (await alreadyFilled())) {
  console.log('fill: skipped (relay already holds the dataset; --force to publish anyway)');
  process.exit(0);
}
const usage = sampleProcess(pid === undefined ? undefined : Number(pid));
const result = await publishLines(readEventLines(dir, args.num('offset', 0)), {
  url,
  connections: args.num('connections', 8),
  window: args.num('window', 500),
  maxSeconds: args.num('seconds', Infinity),
  progress: (line) => console.log(`  ${line}`),
});
const relay = usage?.stop();
const { rows, json } = describePublish(result);
report('fill', [...rows, ['relay process', formatUsage(relay)]], { url, events: meta.events, ...json, relay });
