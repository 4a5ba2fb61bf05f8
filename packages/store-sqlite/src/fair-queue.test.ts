import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FairQueue } from './fair-queue.js';

test('owners take turns; each owner is FIFO; removed items are skipped', () => {
  const q = new FairQueue<string>();
  const [a, b, c] = [{}, {}, {}];
  for (let i = 1; i <= 4; i++) q.push(a, `a${i}`);
  q.push(b, 'b1');
  q.push(b, 'b2');
  q.push(c, 'c1');
  assert.deepEqual([q.size(), q.size(a), q.size(b)], [7, 4, 2]);
  assert.equal(q.remove(a, 'a2'), true);
  assert.equal(q.remove(a, 'a2'), false);
  const order = [];
  for (let item = q.shift(); item !== undefined; item = q.shift()) order.push(item);
  assert.deepEqual(order, ['a1', 'b1', 'c1', 'a3', 'b2', 'a4']);
  assert.equal(q.size(), 0);
  q.push(c, 'c2');
  assert.deepEqual(q.drain(), ['c2']);
  assert.equal(q.shift(), undefined);
});
