import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Context, Hono } from 'hono';
import { parseRange } from '@lifeline/blossom';
import { CORS, mediaError, type MediaDeps } from './context.js';

/** `/<sha256>` with an optional extension, which BUD-01 says must not change the answer. */
export const BLOB_PATH = '/:blob{[0-9a-f]{64}(\\.[A-Za-z0-9]{1,16})?}';

/**
 * Headers for a blob. Blobs are served from the node's own origin, so they must never run as
 * a page: nosniff (on every response, http/headers.ts) keeps the type we sniffed, and the CSP
 * sandbox stops script even if a browser were to render one as HTML. Content never changes for
 * a hash, so it is cached forever.
 */
export const blobHeaders: Record<string, string> = {
  ...CORS,
  'cache-control': 'public, max-age=31536000, immutable',
  'content-security-policy': "sandbox; default-src 'none'; img-src 'self'; media-src 'self'",
  'cross-origin-resource-policy': 'cross-origin',
  'accept-ranges': 'bytes',
};

/** BUD-01 GET and HEAD /<sha256>[.ext], with single byte ranges (206) and ETag revalidation. */
export function blobGetRoutes(deps: MediaDeps) {
  return (app: Hono) => {
    app.get(BLOB_PATH, (c) => serveBlob(c, deps));
  };
}

async function serveBlob(c: Context, deps: MediaDeps): Promise<Response> {
  const sha256 = c.req.param('blob')!.slice(0, 64);
  const blob = deps.store.get(sha256);
  if (!blob) throw mediaError('not-found', 'blob not found');
  const headers: Record<string, string> = { ...blobHeaders, 'content-type': blob.type, etag: `"${sha256}"` };
  if (c.req.header('if-none-match') === headers.etag) return new Response(null, { status: 304, headers });
  const range = parseRange(c.req.header('range'), blob.size);
  if (range === 'unsatisfiable')
    throw mediaError('range-not-satisfiable', 'range is outside the blob', { 'content-range': `bytes */${blob.size}` });
  const { start, end } = range ?? { start: 0, end: blob.size - 1 };
  headers['content-length'] = String(end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${blob.size}`;
  const status = range ? 206 : 200;
  if (c.req.method === 'HEAD' || blob.size === 0) return new Response(null, { status, headers });
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(deps.store.pathOf(sha256), 'r');
  } catch {
    // Deleted between the lookup and the open.
    throw mediaError('not-found', 'blob not found');
  }
  const stream = file.createReadStream({ start, end });
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { status, headers });
}
