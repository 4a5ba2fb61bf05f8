/** Bytes of the header that `writeTextFrameHeader` writes for a payload of `length` bytes. */
export function textFrameHeaderSize(length: number): number {
  return length < 126 ? 2 : length < 0x10000 ? 4 : 10;
}

/**
 * Writes the header of a final, unmasked WebSocket text frame (RFC 6455 §5.2) carrying `length`
 * bytes into `target` at `at`, and returns its size. The relay frames outgoing messages itself, so
 * an event's UTF-8 bytes are encoded once and only copied for each subscriber.
 */
export function writeTextFrameHeader(target: Buffer, at: number, length: number): number {
  target[at] = 0x81; // FIN + opcode 1 (text)
  if (length < 126) {
    target[at + 1] = length;
    return 2;
  }
  if (length < 0x10000) {
    target[at + 1] = 126;
    target.writeUInt16BE(length, at + 2);
    return 4;
  }
  target[at + 1] = 127;
  target.writeUInt32BE(Math.floor(length / 0x1_0000_0000), at + 2);
  target.writeUInt32BE(length >>> 0, at + 6);
  return 10;
}
