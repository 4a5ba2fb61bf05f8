import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { IdFilter } from './id-filter.js';

const ids = (n: number) => Array.from({ length: n }, () => randomBytes(32).toString('hex'));

test('no false negatives; about 1% false positives at the planned load', () => {
  const stored = ids(50_000);
  const filter = IdFilter.create(stored.length);
  for (const id of stored) filter.add(id);
  for (const id of stored) assert.ok(filter.mightHave(id));
  // Planned load: twice the start-up count.
  for (const id of ids(50_000)) filter.add(id);
  const others = ids(20_000);
  const positives = others.filter((id) => filter.mightHave(id)).length;
  assert.ok(positives / others.length < 0.02, `false positive rate ${positives / others.length}`);
});

test('an id added in another thread is seen here, and so is the ready flag', async () => {
  const filter = IdFilter.create(1000);
  const id = randomBytes(32).toString('hex');
  assert.equal(filter.mightHave(id), false);
  assert.equal(filter.ready, false);
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     import(workerData.module).then(({ IdFilter }) => {
       const f = IdFilter.attach(workerData.buffer);
       f.add(workerData.id);
       f.markReady();
       parentPort.postMessage('done');
     });`,
    { eval: true, workerData: { module: new URL('./id-filter.js', import.meta.url).href, buffer: filter.buffer, id } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  await worker.terminate();
  assert.equal(filter.mightHave(id), true);
  assert.equal(filter.ready, true);
});
