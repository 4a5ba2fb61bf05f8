import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, formatProgress } from './progress.js';

test('formatProgress shows count, percentage and rate', () => {
  assert.equal(formatProgress('imported', 2500, 2000), 'imported 2,500  1,250/s');
  assert.equal(formatProgress('exported', 50, 1000, 200), 'exported 50/200 (25%)  50/s');
  assert.equal(formatProgress('x', 0, 0), 'x 0  0/s');
});

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => (out.push(s), true) } };
}

test('Progress redraws in place on a terminal, throttled by the clock', () => {
  let now = 0;
  const { out, stream } = sink(true);
  const p = new Progress(stream, 'lines', { intervalMs: 100, clock: () => now });
  now = 100;
  p.tick(10);
  now = 150;
  p.tick(10); // too soon: no redraw
  now = 200;
  p.tick(10);
  p.finish();
  assert.equal(out.length, 4);
  assert.ok(out[0]!.startsWith('\rlines 10  100/s'));
  assert.ok(out[1]!.startsWith('\rlines 30  150/s'));
  assert.equal(out[3], '\n');
});

test('Progress writes nothing when the stream is not a terminal', () => {
  const { out, stream } = sink(false);
  const p = new Progress(stream, 'lines', { intervalMs: 0 });
  p.tick(5);
  p.finish();
  assert.deepEqual(out, []);
});
