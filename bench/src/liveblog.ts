/**
 * Live-blog page throughput: a blog with 500 entries (English and Persian, some with updates,
 * corrections and key events), then requests per second for its reader page and for a static file
 * of the same bytes served by the same node, alternating runs in one process lifetime.
 * Target: page / static >= 0.5.
 */
import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import WebSocket from 'ws';
import { blogPath, buildBlog, buildCorrection, buildEntry, buildUpdate, parseBlog } from '@lifeline/liveblog';
import { keys, signed } from '@lifeline/testkit';
import { parseArgs } from './lib/args.js';
import { sampleProcess, formatUsage } from './lib/rss.js';

const args = parseArgs();
const entries = args.num('entries', 500);
const seconds = args.num('seconds', 10);
const connections = args.num('connections', 32);
const rounds = args.num('rounds', 2);

const child = fork(new URL('./liveblog-node.js', import.meta.url), [], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const next = <T>() => new Promise<T>((resolve) => child.once('message', (m) => resolve(m as T)));
const { url, httpUrl } = await next<{ url: string; httpUrl: string }>();

const editor = keys();
const start = Math.floor(Date.now() / 1000) - entries * 60 - 3600;
const blogEvent = signed(
  editor,
  buildBlog(
    { d: 'bench-day', title: 'Bench live-blog', summary: 'Five hundred entries', timeZone: 'Asia/Tehran' },
    start,
  ),
);
const blog = parseBlog(blogEvent);
const events = [blogEvent];
for (let i = 0; i < entries; i++) {
  const persian = i % 3 === 0;
  const e = signed(
    editor,
    buildEntry(
      blog,
      {
        headline: persian ? `گزارش شمارهٔ ${i} از تهران` : `Report ${i} from Tehran`,
        body: persian
          ? 'مردم در **خیابان‌ها** جمع شده‌اند. گزارش‌ها از چند منبع رسیده است.\n\n- خیابان آزادی\n- میدان انقلاب'
          : 'Crowds gathered on **Azadi street**; reports came from several sources.\n\n> Faxed from a university office.\n\nSee https://example.org/report for more.',
        via: i % 5 === 0 ? 'reader Alex' : i % 7 === 0 ? 'fax' : '',
        keyEvent: i % 50 === 0,
      },
      start + i * 60,
    ),
  );
  events.push(e);
  if (i % 10 === 0)
    events.push(signed(editor, buildUpdate(blog, e.id, 'A second source confirms this.', start + i * 60 + 30)));
  if (i % 25 === 0)
    events.push(
      signed(
        editor,
        buildCorrection(
          blog,
          e.id,
          { headline: `Report ${i} (corrected)`, body: 'Corrected numbers.' },
          'The first version overstated the numbers.',
          start + i * 60 + 45,
        ),
      ),
    );
}

// Seed over one WebSocket with a window of unacknowledged events.
await new Promise<void>((resolve, reject) => {
  const ws = new WebSocket(url);
  let sent = 0;
  let acked = 0;
  const pump = () => {
    while (sent < events.length && sent - acked < 200) ws.send(JSON.stringify(['EVENT', events[sent++]]));
  };
  ws.on('open', pump);
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as unknown[];
    if (m[0] !== 'OK') return;
    if (m[2] !== true) return reject(new Error(`seed refused: ${String(m[3])}`));
    if (++acked === events.length) {
      ws.close();
      resolve();
    } else pump();
  });
  ws.on('error', reject);
});

const page = blogPath(blog.pubkey, blog.d);
// The first request resolves and renders the blog from the store (what every change costs once).
const t0 = performance.now();
const html = await (await fetch(httpUrl + page)).text();
const coldMs = performance.now() - t0;
const t1 = performance.now();
await (await fetch(httpUrl + page)).text();
const warmMs = performance.now() - t1;
const shown = (html.match(/<article /g) ?? []).length;
child.send({ snapshot: page });
const { snapshotBytes } = await next<{ snapshotBytes: number }>();

async function measure(path: string): Promise<{ rps: number; p99: number; bytes: number; non2xx: number }> {
  const r = await autocannon({
    url: httpUrl + path,
    connections,
    duration: seconds,
    headers: { 'accept-encoding': 'gzip' },
  });
  return { rps: r.requests.average, p99: r.latency.p99, bytes: r.throughput.average, non2xx: r.non2xx };
}

const usage = sampleProcess(child.pid);
const results: Record<'page' | 'static', Array<Awaited<ReturnType<typeof measure>>>> = { page: [], static: [] };
await measure(page); // warm-up: JIT, caches
for (let i = 0; i < rounds; i++) {
  results.static.push(await measure('/bench/static.html'));
  results.page.push(await measure(page));
}
const node = usage?.stop();
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const pageRps = avg(results.page.map((r) => r.rps));
const staticRps = avg(results.static.map((r) => r.rps));

console.log('== live-blog page vs static file ==');
console.log(
  `  blog                         ${entries} entries (${events.length} events incl. updates/corrections); first page shows ${shown}`,
);
console.log(`  page bytes (uncompressed)    ${snapshotBytes} (static file: the same bytes)`);
console.log(
  `  first request after a change ${coldMs.toFixed(1)} ms (store read + resolve + render + compress); next ${warmMs.toFixed(1)} ms`,
);
console.log(
  `  load                         autocannon, ${connections} connections, ${seconds} s per run, ${rounds} rounds alternating, accept-encoding gzip`,
);
console.log(
  `  static file                  ${staticRps.toFixed(0)} req/s (p99 ${avg(results.static.map((r) => r.p99)).toFixed(1)} ms)`,
);
console.log(
  `  live-blog page               ${pageRps.toFixed(0)} req/s (p99 ${avg(results.page.map((r) => r.p99)).toFixed(1)} ms)`,
);
console.log(`  ratio page / static          ${(pageRps / staticRps).toFixed(2)} (target >= 0.5)`);
console.log(`  non-2xx                      ${[...results.page, ...results.static].reduce((a, r) => a + r.non2xx, 0)}`);
console.log(`  node process                 ${formatUsage(node)}`);
console.log(
  `RESULT ${JSON.stringify({ scenario: 'liveblog', entries, bytes: snapshotBytes, pageRps, staticRps, ratio: pageRps / staticRps, coldMs, warmMs, node })}`,
);
child.send({ stop: true });
