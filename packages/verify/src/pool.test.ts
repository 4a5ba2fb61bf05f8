import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { keys, signed } from '@lifeline/testkit';
import type { BackendName } from './backend.js';
import { loadNative } from './backend.js';
import { createVerifier } from './pool.js';
import { flipBit, randomEvents } from './test-events.js';

// Signing is the slow part of these tests, so both backends share one set.
const shared = randomEvents(300);

const backends: [BackendName, false | string][] = [
  ['native', loadNative() ? false : 'native addon not built'],
  ['wasm', false],
];

for (const [backend, skip] of backends) {
  test(`${backend} pool: valid and tampered events`, { skip }, async () => {
    const v = await createVerifier({ threads: 2, backend });
    try {
      assert.equal(v.backend, backend);
      assert.equal(v.threads, 2);
      const e = signed(keys());
      const results = await Promise.all([
        v.verify(e),
        v.verify({ ...e, sig: flipBit(e.sig) }),
        v.verify({ ...e, pubkey: flipBit(e.pubkey) }),
        v.verify({ ...e, id: flipBit(e.id) }),
        v.verify({ ...e, pubkey: 'eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34' }),
        v.verify({ ...e, sig: 'nope' }),
      ]);
      assert.deepEqual(results, [true, false, false, false, false, false]);
    } finally {
      await v.close();
    }
  });

  test(`${backend} pool: many concurrent verifies each get their own answer`, { skip }, async () => {
    const v = await createVerifier({ threads: 2, backend, maxBatch: 50 });
    try {
      const { events, expected } = shared;
      // Submitted across several ticks and in a shuffled order, so batches split and interleave.
      const order = events.map((_, i) => i).sort(() => Math.random() - 0.5);
      const pending: Promise<[number, boolean]>[] = [];
      for (const [k, i] of order.entries()) {
        if (k % 70 === 0) await new Promise((r) => setImmediate(r));
        pending.push(v.verify(events[i]!).then((ok) => [i, ok]));
      }
      for (const [i, ok] of await Promise.all(pending)) assert.equal(ok, expected[i], `event ${i}`);
    } finally {
      await v.close();
    }
  });
}

test('close() waits for in-flight verifies, then refuses new ones', async () => {
  const v = await createVerifier({ threads: 1 });
  const e = signed(keys());
  const inflight = v.verify(e);
  await v.close();
  assert.equal(await inflight, true);
  await assert.rejects(v.verify(e), /closed/);
  await v.close();
});

test('a crashed worker rejects its callers and is replaced', async () => {
  const crashing = `import { parentPort } from 'node:worker_threads';
    parentPort.once('message', () => process.exit(3));`;
  const workerUrl = new URL(`data:text/javascript,${encodeURIComponent(crashing)}`);
  const v = await createVerifier({ threads: 1, workerUrl });
  try {
    const e = signed(keys());
    await assert.rejects(Promise.all([v.verify(e), v.verify(e)]), /exited with code 3/);
    // Only a respawned worker can answer (here: by crashing again) instead of hanging.
    await assert.rejects(v.verify(e), /exited with code 3/);
  } finally {
    await v.close();
  }
});

test('backend: wasm makes the pool use wasm', async () => {
  const v = await createVerifier({ threads: 1, backend: 'wasm' });
  try {
    assert.equal(v.backend, 'wasm');
    assert.equal(await v.verify(signed(keys())), true);
  } finally {
    await v.close();
  }
});

test('threads defaults to one fewer than the cores, at least one', async () => {
  const v = await createVerifier();
  try {
    assert.equal(v.threads, Math.max(1, availableParallelism() - 1));
  } finally {
    await v.close();
  }
});
