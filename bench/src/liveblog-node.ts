/**
 * A Lifeline node for the live-blog bench, in its own process: the real node plus one extra route,
 * /bench/static.html, that serves (from memory, like the web app's files) a snapshot of a page's
 * bytes, so both sides of the comparison go through the same server and the same HTTP stack.
 */
import { rmSync } from 'node:fs';
import { defaults } from '@lifeline/config';
import { prepare, serveStatic, startNode, type StaticFile } from '@lifeline/node';
import { tempDir } from '@lifeline/testkit';

const data = tempDir('lifeline-bench-live-');
let snapshot: StaticFile | undefined;
const node = await startNode(
  {
    ...defaults(),
    port: 0,
    host: '127.0.0.1',
    data,
    logLevel: 'warn',
    pubkeyEventsPerMinute: 1_000_000,
    pubkeyBurst: 100_000,
    connectionMessagesPerSecond: 100_000,
    connectionBurst: 100_000,
  },
  {
    routes: [
      (app) =>
        app.get('/bench/static.html', (c) =>
          snapshot ? serveStatic(snapshot, c.req, 'no-cache') : c.text('no snapshot yet\n', 503),
        ),
    ],
  },
);

process.on('message', async (msg: { snapshot?: string; stop?: true }) => {
  if (msg.snapshot) {
    const res = await fetch(node.httpUrl + msg.snapshot, { headers: { 'accept-encoding': 'identity' } });
    snapshot = prepare(Buffer.from(await res.arrayBuffer()), '.html');
    process.send?.({ snapshotBytes: snapshot.body.length });
  }
  if (msg.stop) {
    await node.close();
    rmSync(data, { recursive: true, force: true });
    process.exit(0);
  }
});
process.send?.({ url: node.url, httpUrl: node.httpUrl });
