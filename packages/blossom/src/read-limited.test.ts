import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLimited } from './read-limited.js';

/** A stream of `count` chunks of `size` bytes that records how many were pulled. */
function source(count: number, size: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === count) return controller.close();
        state.pulled++;
        controller.enqueue(new Uint8Array(size).fill(state.pulled));
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

test('a body within the limit is returned whole', async () => {
  const { stream } = source(4, 10);
  const out = await readLimited(stream, 40);
  assert.ok(out.ok);
  assert.equal(out.bytes.length, 40);
  assert.equal(out.bytes[39], 4);
});

test('the stream is cancelled as soon as the limit is passed, without reading the rest', async () => {
  const { stream, state } = source(1000, 10);
  const out = await readLimited(stream, 25);
  assert.deepEqual(out, { ok: false, tooLarge: true });
  assert.equal(state.pulled, 3);
  assert.equal(state.cancelled, true);
});

test('no body is an empty body', async () => {
  const out = await readLimited(null, 10);
  assert.ok(out.ok);
  assert.equal(out.bytes.length, 0);
});

test('a body that fails midway (client aborted) is reported, not thrown', async () => {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new Uint8Array(5));
      controller.error(new Error('aborted'));
    },
  });
  assert.deepEqual(await readLimited(stream, 100), { ok: false, tooLarge: false });
});
