import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { after, test } from 'node:test';
import { freePort, sleep, tempDir } from '@lifeline/testkit';
import { hammer, httpProbe, spawnServe, tally, wsProbe, type Outcome } from './probes.js';

// Clients reconnect all at once after a crash or a restart: each must be refused (nothing
// listens yet) or answered, never left waiting. A hang is forever, so a generous timeout still
// tells it apart from a slow answer on a loaded machine.
const TIMEOUT_MS = 15_000;

const data = tempDir('lifeline-startup-');
const port = await freePort();
const serve = spawnServe(['--port', String(port), '--data', data, '--log-level', 'warn']);
after(() => {
  if (serve.child.exitCode === null) serve.child.kill('SIGKILL');
  rmSync(data, { recursive: true, force: true });
});

const statuses = (outcomes: Outcome[]) => new Set(outcomes.flatMap((o) => (o.kind === 'answered' ? [o.status] : [])));

test('from before start until it is up, every HTTP request and WebSocket is refused or answered', async () => {
  // The probes started before the process: early ones find nothing listening.
  const http = hammer(4, () => httpProbe(port, TIMEOUT_MS));
  const ws = hammer(2, () => wsProbe(port, TIMEOUT_MS));
  await serve.listening;
  await sleep(1000);
  const outcomes = [...(await http.stop()), ...(await ws.stop())];
  const counts = JSON.stringify(tally(outcomes));
  assert.ok(
    outcomes.every((o) => o.kind === 'refused' || o.kind === 'answered'),
    counts,
  );
  assert.ok(
    outcomes.some((o) => o.kind === 'refused'),
    `some attempts came before the node listened: ${counts}`,
  );
  // 200: the NIP-11 document; 101: a WebSocket whose REQ the relay answered.
  assert.deepEqual(statuses(outcomes), new Set([200, 101]), counts);
});

test('during SIGTERM shutdown every client is answered, refused with 503 and Connection: close, or closed', async () => {
  const keepAlive = new Agent({ keepAlive: true, maxSockets: 2 });
  const fresh = hammer(3, () => httpProbe(port, TIMEOUT_MS));
  const reused = hammer(2, () => httpProbe(port, TIMEOUT_MS, keepAlive));
  const ws = hammer(2, () => wsProbe(port, TIMEOUT_MS));
  await sleep(500);
  serve.child.kill('SIGTERM');
  const code = await serve.exited;
  await sleep(500);
  const outcomes = [...(await fresh.stop()), ...(await reused.stop()), ...(await ws.stop())];
  keepAlive.destroy();
  const counts = JSON.stringify(tally(outcomes));
  assert.deepEqual(
    outcomes.filter((o) => o.kind === 'hung'),
    [],
    counts,
  );
  for (const o of outcomes) {
    if (o.kind !== 'answered') continue;
    assert.ok([200, 101, 503].includes(o.status), counts);
    if (o.status === 503) assert.equal(o.connection, 'close', '503 ends the connection');
  }
  assert.ok(statuses(outcomes).has(200), `clients were answered before the signal: ${counts}`);
  assert.equal(outcomes.at(-1)?.kind, 'refused', `after exit nothing listens: ${counts}`);
  assert.equal(code, 0, serve.stderr());
  assert.match(serve.stderr(), /SIGTERM: shutting down\nstopped cleanly\n/);
});
