import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, formatCount, formatDuration, formatProgress } from './progress.js';

test('formatProgress shows count, percentage and rate', () => {
  assert.equal(formatProgress('imported', 2500, 2000), 'imported 2,500  1,250/s');
  assert.equal(formatProgress('exported', 50, 1000, 200), 'exported 50/200 (25%)  50/s  3 s left');
  assert.equal(formatProgress('x', 0, 0), 'x 0  0/s');
});

function sink(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, write: (s: string) => out.push(s) > 0 } };
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

test('time left comes from the share done, in items or in another unit', () => {
  assert.equal(formatProgress('lines', 12_345, 60_000, undefined, 0.25), 'lines 12,345 (25%)  206/s  3 min 0 s left');
  assert.equal(
    formatProgress('exported', 1_500_000, 1_000, 1_500_000),
    'exported 1,500,000/1,500,000 (100%)  1,500,000/s',
  );
  assert.equal(formatDuration(400), '1 s');
  assert.equal(formatDuration(3_725_000), '1 h 2 min');
  assert.equal(formatCount(1234567), '1,234,567');
});

test('Progress draws the share its callback reports', () => {
  let now = 0;
  const { out, stream } = sink(true);
  let bytes = 0;
  const p = new Progress(stream, 'lines', { intervalMs: 0, clock: () => now, share: () => bytes / 1000 });
  now = 2000;
  bytes = 500;
  p.tick(10);
  assert.ok(out[0]!.startsWith('\rlines 10 (50%)  5/s  2 s left'), out[0]);
});
