import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WriteScheduler } from './write-scheduler.js';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** V8's collector, from a context made after the flag is set (as node/idle-collect.ts gets it). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

test('every queued connection is flushed once per round, in order, across slices', async () => {
  const writes = new WriteScheduler();
  const flushed: number[] = [];
  for (let i = 0; i < 150; i++) writes.queue({ flush: () => flushed.push(i) });
  for (let i = 0; i < 5; i++) await tick();
  assert.deepEqual(
    flushed,
    Array.from({ length: 150 }, (_, i) => i),
  );
});

test('a written round is not kept: its connections can be collected while the node is quiet', async () => {
  const gc = collector();
  const writes = new WriteScheduler();
  let flushes = 0;
  const refs = (() => {
    const conns = Array.from({ length: 3 }, () => ({ flush: () => void flushes++, state: new Array(1000).fill(0) }));
    for (const c of conns) writes.queue(c);
    return conns.map((c) => new WeakRef(c));
  })();
  for (let i = 0; i < 3; i++) await tick();
  assert.equal(flushes, 3);
  gc();
  await tick();
  assert.deepEqual(
    refs.map((r) => r.deref() === undefined),
    [true, true, true],
    'the scheduler still holds a connection it wrote',
  );
});
