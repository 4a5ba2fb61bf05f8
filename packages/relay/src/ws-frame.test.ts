import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EventEmitter } from 'node:events';
import * as ws from 'ws';
import { textFrameHeaderSize, writeTextFrameHeader } from './ws-frame.js';

// ws's frame parser (exported at run time, not in @types/ws).
type FrameParser = EventEmitter & { write(chunk: Buffer): void };
const { Receiver } = ws as unknown as { Receiver: new (options: { isServer: boolean }) => FrameParser };

/** One frame: header then payload. */
function frame(payload: Buffer): Buffer {
  const out = Buffer.alloc(textFrameHeaderSize(payload.length) + payload.length);
  const at = writeTextFrameHeader(out, 0, payload.length);
  assert.equal(at, textFrameHeaderSize(payload.length));
  payload.copy(out, at);
  return out;
}

/** Decodes frames with ws's own parser, as a client would. */
function decode(bytes: Buffer): string[] {
  const receiver = new Receiver({ isServer: false });
  const messages: string[] = [];
  receiver.on('message', (data: Buffer, isBinary: boolean) => {
    assert.equal(isBinary, false);
    messages.push(data.toString('utf8'));
  });
  receiver.on('error', (err: Error) => assert.fail(err));
  receiver.write(bytes);
  return messages;
}

test('frames of every header size decode to the same text', () => {
  for (const size of [0, 1, 125, 126, 127, 65535, 65536, 200_000]) {
    const text = 'x'.repeat(size);
    const payload = Buffer.from(text);
    assert.deepEqual(decode(frame(payload)), [text], `size ${size}`);
  }
});

test('lengths count UTF-8 bytes, so Persian text survives', () => {
  const text = '["EVENT","s",{"content":"سلام، تهران ۱۴۰۳"}]';
  const payload = Buffer.from(text);
  const frames = Buffer.concat([frame(payload), frame(payload)]);
  assert.deepEqual(decode(frames), [text, text]);
});
