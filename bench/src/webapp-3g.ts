// Time to first timeline render of the web app with Chromium's network throttled to a slow 3G
// profile (about 400 kbit/s down, 400 kbit/s up, 400 ms round trip), against a real node seeded
// with posts. The reader is a returning user signed in with a NIP-07 extension (stubbed in the
// page), so the figure is network + parse + first relay query, not the deliberately slow NIP-49
// key derivation.
// Usage: npm run build && node bench/dist/webapp-3g.js [runs=5] [posts=500] [path/to/apps/web/dist]
import { createRequire } from 'node:module';
import { loadavg, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { keys, RawClient, signed } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { installNip07, launchChromium } from '@lifeline/testkit/browser';

const runs = Number(process.argv[2] ?? 5);
const posts = Number(process.argv[3] ?? 500);
const SLOW_3G = {
  offline: false,
  latency: 400,
  downloadThroughput: (400 * 1024) / 8,
  uploadThroughput: (400 * 1024) / 8,
};

// The built app (npm run build -w @lifeline/web): the node serves nothing at / without it.
const webDir =
  process.argv[4] ?? join(dirname(createRequire(import.meta.url).resolve('@lifeline/web/package.json')), 'dist');
const node = await startTestNode({ webDir });
const raw = await RawClient.connect(node.url);
const authors = Array.from({ length: 20 }, () => keys());
const now = Math.floor(Date.now() / 1000);
for (let i = 0; i < posts; i++) {
  const who = authors[i % authors.length]!;
  const e = signed(who, {
    created_at: now - i * 60,
    content: i % 2 ? `گزارش شماره ${i} از خیابان #تهران` : `Report ${i} from the street #Tehran`,
  });
  await raw.publish(e);
}
await raw.close();

const reader = keys();
const { browser, close } = await launchChromium();
const times: number[] = [];
for (let r = 0; r < runs; r++) {
  // A fresh context each run: an empty HTTP cache, as on a first visit.
  const context = await browser.newContext();
  await installNip07(context, reader, { readOnly: true, signedIn: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
  const start = Date.now();
  await page.goto(`${node.httpUrl}/#/everyone`, { waitUntil: 'commit' });
  await page.getByTestId('note').first().waitFor({ timeout: 120_000 });
  times.push(Date.now() - start);
  await context.close();
}
await close();
await node.stop();

times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`slow 3G (400 kbit/s, 400 ms RTT), ${posts} posts on the node, ${runs} cold loads`);
console.log(`first timeline post rendered: median ${median} ms, min ${times[0]} ms, max ${times[times.length - 1]} ms`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, node ${process.version}`,
);
