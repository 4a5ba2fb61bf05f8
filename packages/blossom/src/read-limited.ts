/** Outcome of readLimited: the whole body, or the fact that it passed the limit. */
export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: true };

/**
 * Reads a request body up to `maxBytes`. The moment one more byte arrives the stream is
 * cancelled and nothing more is buffered, so an oversized upload costs at most `maxBytes` of memory.
 */
export async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<ReadResult> {
  if (!body) return { ok: true, bytes: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel('too large').catch(() => undefined);
      return { ok: false, tooLarge: true };
    }
    chunks.push(value);
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
