/** A byte range to send, inclusive at both ends (RFC 9110 section 14). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Parses a `Range` header for a blob of `size` bytes. Returns the one range to send, `undefined`
 * to send the whole blob (no header, another unit, or several ranges: multipart is not worth it
 * for media), or 'unsatisfiable' for a range outside the blob (416).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!m) return undefined;
  const [, from = '', to = ''] = m;
  if (from === '' && to === '') return undefined;
  if (from === '') {
    // Suffix range: the last N bytes.
    const n = Number(to);
    if (n === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
