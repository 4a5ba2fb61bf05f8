import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCountQueue, engagementFilter, METRICS } from './engagement.js';
import type { Filter } from './types.js';

const ID = 'a'.repeat(64);

test('engagementFilter: one filter per metric naming the post', () => {
  assert.deepEqual(engagementFilter(ID, 'replies'), { kinds: [1], '#e': [ID] });
  assert.deepEqual(engagementFilter(ID, 'reposts'), { kinds: [6, 16], '#e': [ID] });
  assert.deepEqual(engagementFilter(ID, 'quotes'), { kinds: [1], '#q': [ID] });
  assert.deepEqual(engagementFilter(ID, 'likes'), { kinds: [7], '#e': [ID] });
});

test('createCountQueue: each post asked once, never more than `concurrency` in flight', async () => {
  let inFlight = 0;
  let peak = 0;
  const sent: Filter[][] = [];
  const count = async (filters: Filter[]) => {
    sent.push(filters);
    peak = Math.max(peak, ++inFlight);
    await new Promise((r) => setTimeout(r, 2));
    inFlight--;
    return filters[0]!.kinds![0] === 7 ? 3 : undefined;
  };
  const answers: string[] = [];
  let resolveAll: () => void;
  const done = new Promise<void>((r) => (resolveAll = r));
  const ids = ['1', '2', '3'].map((c) => c.repeat(64));
  const q = createCountQueue(
    count,
    (id, metric, n) => {
      answers.push(`${id[0]}:${metric}:${n}`);
      if (answers.length === ids.length * METRICS.length) resolveAll();
    },
    { concurrency: 2, gapMs: 0 },
  );
  for (const id of [...ids, ...ids]) q.request(id);
  await done;
  assert.equal(sent.length, 12, 'four COUNTs per post, once each');
  assert.equal(peak, 2);
  assert.ok(answers.includes('1:likes:3'));
  assert.ok(answers.includes('2:replies:undefined'));
});

test('createCountQueue: a post is asked again once its counts are older than refreshMs', async () => {
  let clock = 0;
  let sent = 0;
  const q = createCountQueue(
    async () => {
      sent++;
      return 1;
    },
    () => {},
    { refreshMs: 1000, gapMs: 0, now: () => clock },
  );
  q.request(ID);
  q.request(ID);
  clock = 999;
  q.request(ID);
  assert.equal(sent, 4);
  clock = 1000;
  await new Promise((r) => setTimeout(r, 5));
  q.request(ID);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(sent, 8);
  q.clear();
  q.request(ID);
  await new Promise((r) => setTimeout(r, 5));
  assert.equal(sent, 12, 'clear forgets what was asked');
});

test('createCountQueue: COUNTs start at least gapMs apart', async () => {
  const starts: number[] = [];
  let answered = 0;
  await new Promise<void>((resolve) => {
    const q = createCountQueue(
      async () => {
        starts.push(Date.now());
        return 0;
      },
      () => {
        if (++answered === 4) resolve();
      },
      { gapMs: 30 },
    );
    q.request(ID);
  });
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 25, `gap ${i}`);
});
