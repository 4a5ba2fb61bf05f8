import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants as zlib } from 'node:zlib';

/** One file held in memory with its precompressed forms. */
export interface StaticFile {
  body: Buffer;
  br?: Buffer;
  gzip?: Buffer;
  type: string;
  etag: string;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Reads every file under `dir` into memory, keyed by URL path ("/assets/app-X.js"). */
export function loadStaticDir(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!dir || !existsSync(dir)) return files;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(`/${relative(dir, p).split('\\').join('/')}`, prepare(readFileSync(p), extname(p)));
    }
  };
  walk(dir);
  return files;
}

/**
 * Builds a StaticFile from bytes; text is compressed once here, never per request. Pages that
 * change often pass a lower brotli quality (11 is for build outputs compressed once).
 */
export function prepare(
  body: Buffer,
  ext: string,
  brotliQuality = 11,
  type = types[ext] ?? 'application/octet-stream',
): StaticFile {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  const compressible =
    /^(text\/|application\/(json|manifest|atom\+xml|feed\+json)|image\/svg)/.test(type) && body.length > 512;
  return {
    body,
    type,
    etag,
    ...(compressible
      ? {
          br: brotliCompressSync(body, {
            params: { [zlib.BROTLI_PARAM_QUALITY]: brotliQuality, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length },
          }),
          gzip: gzipSync(body, { level: brotliQuality >= 11 ? 9 : 6 }),
        }
      : {}),
  };
}

/** Picks the smallest encoding the client accepts and answers 304 when its ETag matches. */
export function serveStatic(
  file: StaticFile,
  req: { header(name: string): string | undefined; method: string },
  cacheControl: string,
  extra: Record<string, string> = {},
): Response {
  const headers: Record<string, string> = {
    'content-type': file.type,
    etag: file.etag,
    'cache-control': cacheControl,
    vary: 'accept-encoding',
    ...extra,
  };
  if (req.header('if-none-match') === file.etag) return new Response(null, { status: 304, headers });
  const accept = req.header('accept-encoding') ?? '';
  let body = file.body;
  if (file.br && /\bbr\b/.test(accept)) {
    body = file.br;
    headers['content-encoding'] = 'br';
  } else if (file.gzip && /\bgzip\b/.test(accept)) {
    body = file.gzip;
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = String(body.length);
  return new Response(req.method === 'HEAD' ? null : body, { status: 200, headers });
}
