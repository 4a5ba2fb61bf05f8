import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { connect } from 'node:net';
import WebSocket from 'ws';
import {
  NeverReadingSocket,
  RawClient,
  keys,
  rssOf,
  signed,
  sleep,
  startProbe,
  tempDir,
  type ProbeReport,
} from '@lifeline/testkit';
import { spawnTestNode, type NodeProcess } from '@lifeline/testkit/node';

/*
 * Issue 10's attacks, each measured the way a user sees it: a probe client publishes and queries
 * every 200 ms during the attack, and must keep its p99 under 500 ms without a single timeout;
 * after the attacker leaves, the node's RSS must come back within 10% of where it started (its
 * lowest over 3 s before the attack).
 */

const P99_MS = 500;

/** Runs `attack` with a probe alongside and returns the probe's report. */
async function probed(url: string, attack: () => Promise<void>): Promise<ProbeReport> {
  const probe = await startProbe(url, { intervalMs: 200, timeoutMs: 5000 });
  await sleep(400); // a few quiet rounds first
  await attack();
  await sleep(600);
  return probe.stop();
}

function assertProbe(report: ProbeReport, what: string): void {
  const p99 = report.percentile(0.99);
  const detail = `${what}: ${report.publishes.length} publishes, ${report.queries.length} queries, p99 ${p99.toFixed(0)} ms, ${report.timeouts} timeouts`;
  console.log(`# ${detail}`);
  assert.equal(report.timeouts, 0, detail);
  assert.deepEqual(report.errors, [], detail);
  assert.ok(report.queries.length >= 5, detail);
  assert.ok(p99 < P99_MS, detail);
}

/**
 * What the RSS may be once an attack is over: issue 10 asks for within 10% of where it started.
 * No floor is added: an idle node's RSS, measured the same way over the same window with the probe
 * and no attack, moved by -3% to +0.2% (bench/RESULTS.md).
 */
const limitOf = (start: number) => start * 1.1;

/**
 * Where the RSS starts: its lowest over `ms`, after 10 s of quiet (so what an earlier test left
 * behind has been collected; one sample can also catch a collection halfway).
 */
async function rssFloor(pid: number, ms = 3000): Promise<number> {
  await sleep(10_000);
  let low = rssOf(pid);
  for (let waited = 0; waited < ms; waited += 250) {
    await sleep(250);
    low = Math.min(low, rssOf(pid));
  }
  return low;
}

/**
 * Waits (up to 45 s) for the RSS to come back within `limit`; returns the last reading. Buffers
 * left by the attack, and the young generation V8 grew during it, are given back by the
 * collections the node runs once it is quiet (idle-collect.ts, within ~5-20 s).
 */
async function settledRss(pid: number, limit: number): Promise<number> {
  let now = rssOf(pid);
  for (let i = 0; i < 90 && now > limit; i++) {
    await sleep(500);
    now = rssOf(pid);
  }
  return now;
}

const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;

describe('hostile clients do not slow anyone else down', { concurrency: false }, () => {
  let node: NodeProcess;
  let pid: number;
  const tag = 'wedge';
  before(async () => {
    node = await spawnTestNode(tempDir(), { synchronous: 'NORMAL' });
    pid = node.proc.pid!;
    // 200 events of 60 KB under one tag: every REQ below asks for all of them, 12 MB a filter.
    const author = keys();
    const c = await RawClient.connect(node.url);
    const filler = 'x'.repeat(60 * 1024);
    for (let i = 0; i < 200; i++) {
      const e = signed(author, {
        kind: 1,
        content: `${i} ${filler}`,
        tags: [['t', tag]],
        created_at: 1_700_000_000 + i,
      });
      c.send(['EVENT', e]);
      await c.next((m) => m[0] === 'OK' && m[1] === e.id, 10_000);
    }
    // A node in service has read its data before: warm every reader thread (up to four) and its
    // page cache with ordinary reads of the tag, four at once, so the RSS baseline is a running
    // node's, not a cold one's (a cold thread's cache alone is ~12 MB here).
    for (let round = 0; round < 2; round++) {
      const subs = ['w1', 'w2', 'w3', 'w4'].map((w) => `${w}-${round}`);
      for (const sub of subs) c.send(['REQ', sub, { '#t': [tag], limit: 500 }]);
      for (const sub of subs) await c.next((m) => m[0] === 'EOSE' && m[1] === sub, 30_000);
    }
    await c.close();
  });
  after(async () => {
    node.proc.kill('SIGTERM');
    await node.exited;
  });

  const reqBomb = (sub: string) => ['REQ', sub, ...Array.from({ length: 10 }, () => ({ '#t': [tag], limit: 500 }))];

  test('30 REQs of 10 big filters from a socket that never reads, then disconnects', async () => {
    const start = await rssFloor(pid);
    const report = await probed(node.url, async () => {
      const s = await NeverReadingSocket.open(node.url);
      for (let i = 0; i < 30; i++) s.send(reqBomb(`s${i}`));
      await sleep(2000);
      s.destroy();
    });
    // The memory is measured (and printed) even when the probe failed, so a run shows both.
    const end = await settledRss(pid, limitOf(start));
    console.log(`# RSS ${mb(start)} before, ${mb(end)} after`);
    assertProbe(report, 'one never-reading socket');
    assert.ok(end <= limitOf(start), `RSS ${mb(start)} -> ${mb(end)}`);
  });

  test('twenty such sockets at once', async () => {
    const start = await rssFloor(pid);
    let peak = start;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 100);
    const report = await probed(node.url, async () => {
      const sockets = await Promise.all(Array.from({ length: 20 }, () => NeverReadingSocket.open(node.url)));
      for (const s of sockets) for (let i = 0; i < 30; i++) s.send(reqBomb(`s${i}`));
      await sleep(3000);
      for (const s of sockets) s.destroy();
    });
    clearInterval(sampler);
    const end = await settledRss(pid, limitOf(start));
    console.log(`# RSS ${mb(start)} before, peak ${mb(peak)}, ${mb(end)} after`);
    assertProbe(report, 'twenty never-reading sockets');
    // Memory stays bounded while it lasts: each unread socket holds about one chunk in the node
    // (the old relay went past 1.27 GB and 2.3 GB here; before chunks crossed as bytes, ~400 MB).
    assert.ok(peak < start + 128 * 1048576, `RSS peaked at ${mb(peak)}`);
    assert.ok(end <= limitOf(start), `RSS ${mb(start)} -> ${mb(end)}`);
  });

  test('a flood of 20 connections x 500 REQs', async () => {
    const start = await rssFloor(pid);
    const report = await probed(node.url, async () => {
      const clients = await Promise.all(Array.from({ length: 20 }, () => NeverReadingSocket.open(node.url)));
      for (const s of clients) for (let i = 0; i < 500; i++) s.send(['REQ', `f${i}`, { '#t': [tag], limit: 500 }]);
      await sleep(3000);
      for (const s of clients) s.destroy();
    });
    const end = await settledRss(pid, limitOf(start));
    console.log(`# RSS ${mb(start)} before, ${mb(end)} after`);
    assertProbe(report, 'REQ flood');
    assert.ok(end <= limitOf(start), `RSS ${mb(start)} -> ${mb(end)}`);
  });

  test('a 98 KB search of 20,000 distinct words is refused with invalid:, quickly', async () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`).join(' ');
    const c = await RawClient.connect(node.url);
    const report = await probed(node.url, async () => {
      for (let i = 0; i < 5; i++) c.send(['REQ', `q${i}`, { search: words, limit: 10 }]);
      for (let i = 0; i < 5; i++) {
        const closed = await c.next((m) => m[1] === `q${i}` && (m[0] === 'CLOSED' || m[0] === 'EOSE'), 5000);
        assert.equal(closed[0], 'CLOSED');
        assert.match(String(closed[2]), /^invalid: /);
      }
    });
    await c.close();
    assertProbe(report, 'search bomb');
  });
});

describe('connection churn and slow HTTP clients', { concurrency: false }, () => {
  test('3,000 connections opening and closing', async () => {
    const node = await spawnTestNode(tempDir(), { synchronous: 'NORMAL' });
    try {
      const report = await probed(node.url, async () => {
        for (let round = 0; round < 30; round++) {
          await Promise.all(
            Array.from(
              { length: 100 },
              () =>
                new Promise<void>((resolve) => {
                  const ws = new WebSocket(node.url);
                  ws.once('open', () => ws.close());
                  ws.once('close', () => resolve());
                  ws.once('error', () => resolve());
                }),
            ),
          );
        }
      });
      assertProbe(report, '3,000 connections');
    } finally {
      node.proc.kill('SIGTERM');
      await node.exited;
    }
  });

  test('500 slowloris HTTP sockets', async () => {
    const node = await spawnTestNode(tempDir(), { synchronous: 'NORMAL' });
    const { port } = new URL(node.url);
    const sockets: ReturnType<typeof connect>[] = [];
    try {
      const report = await probed(node.url, async () => {
        for (let i = 0; i < 500; i++) {
          const s = connect(Number(port), '127.0.0.1');
          s.on('error', () => {});
          s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // and never the blank line
          sockets.push(s);
        }
        for (let i = 0; i < 10; i++) {
          await sleep(300);
          for (const s of sockets) s.write(`X-Slow-${i}: 1\r\n`);
        }
      });
      assertProbe(report, '500 slowloris sockets');
      // The web app is still served to a normal browser meanwhile.
      const res = await fetch(`${node.url.replace('ws:', 'http:')}/`);
      assert.ok(res.status === 200 || res.status === 503);
    } finally {
      for (const s of sockets) s.destroy();
      node.proc.kill('SIGTERM');
      await node.exited;
    }
  });
});
