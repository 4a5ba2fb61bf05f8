import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, RawClient, signed, tempDir, waitFor } from '@lifeline/testkit';
import { spawnTestNode, type NodeProcess } from '@lifeline/testkit/node';

// Generous limits: this load tests durability, not rate limiting.
const overrides = {
  connectionBurst: 1_000_000,
  connectionMessagesPerSecond: 1_000_000,
  pubkeyBurst: 1_000_000,
  pubkeyEventsPerMinute: 1_000_000,
  verifyThreads: 1,
};

const children = new Set<ChildProcess>();
const dirs: string[] = [];

/** Starts a node in a child process on `dataDir`, killed after the file if a test left it running. */
async function spawnNode(dataDir: string): Promise<NodeProcess> {
  const child = await spawnTestNode(dataDir, overrides);
  children.add(child.proc);
  void child.exited.then(() => children.delete(child.proc));
  return child;
}

let presigned: NostrEvent[] | undefined;

/** Pre-signed events from several authors, signed once for the file (signing is the slow part). */
function loadEvents(): NostrEvent[] {
  if (presigned) return presigned;
  const authors = Array.from({ length: 8 }, () => keys());
  presigned = Array.from({ length: 400 }, (_, i) =>
    signed(authors[i % authors.length]!, { content: `report ${i} from the street`, tags: [['t', 'load']] }),
  );
  return presigned;
}

/**
 * Publishes `events` over `connections` sockets keeping up to `window` un-answered per socket, and
 * records every id acknowledged with OK true. `done` settles when every event was answered or
 * every socket closed.
 */
function writeLoad(
  url: string,
  events: NostrEvent[],
  connections = 4,
  window = 100,
  onAck: (acked: number) => void = () => {},
) {
  const acked = new Set<string>();
  const rejected: string[] = [];
  const sockets: WebSocket[] = [];
  const done = Promise.all(
    Array.from({ length: connections }, (_, c) => {
      const mine = events.filter((_, i) => i % connections === c);
      return new Promise<void>((resolve) => {
        const ws = new WebSocket(url);
        sockets.push(ws);
        let next = 0;
        let inFlight = 0;
        let answered = 0;
        const pump = () => {
          while (inFlight < window && next < mine.length && ws.readyState === WebSocket.OPEN) {
            ws.send(JSON.stringify(['EVENT', mine[next++]]));
            inFlight++;
          }
        };
        ws.on('open', pump);
        ws.on('message', (data) => {
          const m = JSON.parse(data.toString()) as unknown[];
          if (m[0] !== 'OK') return;
          inFlight--;
          answered++;
          if (m[2] === true) {
            acked.add(m[1] as string);
            onAck(acked.size);
          } else rejected.push(m[3] as string);
          if (answered === mine.length) ws.close();
          else pump();
        });
        ws.on('error', () => {});
        ws.on('close', () => resolve());
      });
    }),
  );
  return {
    acked,
    rejected,
    done,
    kill: () => {
      for (const s of sockets) s.terminate();
    },
  };
}

/** Asks a node for `ids` in chunks under the filter limits and returns those it has. */
async function storedIds(url: string, ids: string[]): Promise<Set<string>> {
  const c = await RawClient.connect(url);
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    const { events, closed } = await c.req(`q${i}`, { ids: chunk, limit: chunk.length });
    assert.equal(closed, undefined);
    for (const e of events) found.add(e.id as string);
    c.send(['CLOSE', `q${i}`]);
  }
  await c.close();
  return found;
}

after(() => {
  for (const p of children) p.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('durability: OK true means stored, whatever happens to the process', () => {
  test('kill -9 in the middle of a write load loses no acknowledged event', async (t) => {
    const dataDir = tempDir('lifeline-durability-');
    dirs.push(dataDir);
    const t0 = Date.now();
    const starting = spawnNode(dataDir); // boots in its own process while this one signs
    const events = loadEvents();
    t.diagnostic(`signed ${events.length} events in ${Date.now() - t0} ms`);
    const first = await starting;
    // The kill is sent from the 100th acknowledgement's handler: polling for it could miss the
    // window on a fast machine, when all 400 are acknowledged between two polls.
    let killed = false;
    // A window of 10 per socket spreads the 400 events over many commits.
    const load = writeLoad(first.url, events, 4, 10, (n) => {
      if (n >= 100 && !killed) {
        killed = true;
        first.proc.kill('SIGKILL');
      }
    });
    await waitFor(() => killed, 'the first 100 acknowledgements', { timeoutMs: 15_000 });
    assert.deepEqual(await first.exited, { code: null, signal: 'SIGKILL' });
    // Acks already in the socket buffers still arrive; they count too.
    await load.done;
    const acked = [...load.acked];
    assert.ok(
      acked.length < events.length,
      `the kill landed mid-load (${acked.length} of ${events.length} acknowledged)`,
    );
    assert.deepEqual(load.rejected, [], 'nothing was refused before the kill');
    t.diagnostic(`${acked.length} of ${events.length} acknowledged before the kill at ${Date.now() - t0} ms`);

    const second = await spawnNode(dataDir);
    const found = await storedIds(second.url, acked);
    const missing = acked.filter((id) => !found.has(id));
    assert.deepEqual(missing, [], `${missing.length} acknowledged events were lost`);

    // The database is healthy: an acknowledged event is a duplicate, new writes succeed.
    const c = await RawClient.connect(second.url);
    const again = events.find((e) => e.id === acked[0])!;
    c.send(['EVENT', again]);
    const dup = await c.ok(again.id);
    assert.equal(dup[2], true);
    assert.match(dup[3] as string, /^duplicate: /);
    const fresh = signed(keys(), { content: 'after the crash' });
    c.send(['EVENT', fresh]);
    assert.deepEqual(await c.ok(fresh.id), ['OK', fresh.id, true, '']);
    await c.close();
    second.proc.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  });

  test('SIGTERM while writing exits 0 promptly and keeps every acknowledged event', async (t) => {
    const dataDir = tempDir('lifeline-durability-');
    dirs.push(dataDir);
    const events = loadEvents();
    const first = await spawnNode(dataDir);
    // A narrow window keeps most of the load unsent when the signal arrives.
    const load = writeLoad(first.url, events, 4, 10);
    await waitFor(() => load.acked.size >= 100, 'the first 100 acknowledgements', { timeoutMs: 15_000 });
    const t0 = Date.now();
    first.proc.kill('SIGTERM');
    const exit = await first.exited;
    const took = Date.now() - t0;
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM; stderr: ${first.stderr()}`);
    assert.ok(took < 5000, `shutdown took ${took} ms`);
    await load.done;
    t.diagnostic(
      `${load.acked.size} of ${events.length} acknowledged, ${load.rejected.length} refused, shutdown took ${took} ms`,
    );
    assert.equal(first.stderr(), '', 'a clean shutdown logs no failures');
    const acked = [...load.acked];
    assert.ok(
      acked.length < events.length,
      `SIGTERM landed mid-load (${acked.length} of ${events.length} acknowledged)`,
    );
    for (const r of load.rejected) assert.match(r, /^(error|rate-limited): /, 'refusals during shutdown say why');

    const second = await spawnNode(dataDir);
    const found = await storedIds(second.url, acked);
    const missing = acked.filter((id) => !found.has(id));
    assert.deepEqual(missing, [], `${missing.length} acknowledged events were lost`);
    second.proc.kill('SIGTERM');
    assert.deepEqual(await second.exited, { code: 0, signal: null });
  });

  test('SIGTERM exits promptly even when a client never answers the close handshake', async () => {
    const dataDir = tempDir('lifeline-durability-');
    dirs.push(dataDir);
    const child = await spawnNode(dataDir);
    const stuck = await RawClient.connect(child.url);
    assert.deepEqual(await stuck.req('all', { kinds: [1] }), { events: [] });
    // A peer on a dead network: it neither reads nor answers the close frame.
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const t0 = Date.now();
    child.proc.kill('SIGTERM');
    const exit = await Promise.race([child.exited, new Promise((r) => setTimeout(() => r('still running'), 8000))]);
    stuck.ws.terminate();
    assert.deepEqual(exit, { code: 0, signal: null }, `exit after SIGTERM (${Date.now() - t0} ms)`);
  });
});
