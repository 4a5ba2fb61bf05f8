/** Outcome of readLimited: the whole body, or why there is none (too large, or the sender gave up). */
export type ReadResult = { ok: true; bytes: Buffer } | { ok: false; tooLarge: boolean };

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
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      // The client aborted: an expected failure, not a bug.
      return { ok: false, tooLarge: false };
    }
    const { done, value } = next;
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
