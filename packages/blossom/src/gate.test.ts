import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleep } from '@lifeline/testkit';
import { createGate } from './gate.js';

test('no more than the limit run at once, all finish, failures free their slot', async () => {
  const gate = createGate(2);
  let running = 0;
  let peak = 0;
  const task = (fail: boolean) =>
    gate(async () => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5);
      running--;
      if (fail) throw new Error('boom');
      return 'done';
    });
  const results = await Promise.allSettled([
    task(false),
    task(true),
    task(false),
    task(false),
    task(true),
    task(false),
  ]);
  assert.equal(peak, 2);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
  );
  assert.equal(await task(false), 'done');
});
