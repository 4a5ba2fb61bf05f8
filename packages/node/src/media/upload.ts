import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { blobDescriptor, checkAnnounced, cleanUpload, readLimited, type BlossomVerb } from '@lifeline/blossom';
import { authorize, requireHash } from './auth.js';
import { CORS, mediaError, originOf, refusalError, type MediaDeps } from './context.js';
import { isHex64 } from '@lifeline/nostr';

/**
 * BUD-02 PUT /upload and BUD-05 PUT /media, with their BUD-06 / BUD-05 HEAD preflights. Both
 * store the same thing: the image re-encoded without metadata, hashed after re-encoding. The
 * token's x tag names the hash of the bytes the client sent (the only hash it can know); the
 * descriptor returns the hash of what was stored.
 */
export function blobUploadRoutes(deps: MediaDeps) {
  return (app: Hono) => {
    for (const [path, verb] of [
      ['/upload', 'upload'],
      ['/media', 'media'],
    ] as const) {
      app.put(path, (c) => upload(c, deps, verb));
      // Hono routes HEAD through GET handlers; a plain GET of these paths means nothing.
      app.get(path, (c) => {
        if (c.req.method !== 'HEAD')
          throw mediaError('method-not-allowed', `use PUT ${path} to upload`, { allow: 'PUT, HEAD' });
        return preflight(c, deps, verb);
      });
    }
  };
}

async function upload(c: Context, deps: MediaDeps, verb: BlossomVerb): Promise<Response> {
  if (deps.uploads.active >= deps.uploads.max) {
    throw mediaError('busy', 'too many uploads in progress, try again shortly', { 'retry-after': '5' });
  }
  deps.uploads.active++;
  try {
    return await receive(c, deps, verb);
  } finally {
    deps.uploads.active--;
  }
}

async function receive(c: Context, deps: MediaDeps, verb: BlossomVerb): Promise<Response> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > deps.maxUploadBytes) throw tooLarge(deps);
  const claimed = c.req.header('x-sha-256')?.toLowerCase();
  if (claimed !== undefined && !isHex64(claimed))
    throw mediaError('bad-request', 'X-SHA-256 must be 64 lowercase hex characters');
  const auth = authorize(c, deps, verb, deps.uploadAuth, claimed ? [claimed] : undefined);
  const body = await readLimited(c.req.raw.body, deps.maxUploadBytes);
  if (!body.ok)
    throw body.tooLarge ? tooLarge(deps) : mediaError('aborted', 'the upload ended before its body was complete');
  const received = createHash('sha256').update(body.bytes).digest('hex');
  if (claimed && claimed !== received) throw mediaError('hash-mismatch', 'X-SHA-256 does not match the uploaded bytes');
  requireHash(auth, [received]);
  // Bytes this node already stores are clean already: re-encoding them would only change the hash.
  const known = deps.store.get(received);
  const result = known
    ? await deps.store.put(body.bytes, known.type, auth?.pubkey)
    : await deps.gate(async () => {
        const clean = await cleanUpload(body.bytes, deps.policy);
        if (!clean.ok) throw refusalError(clean.refusal);
        return deps.store.put(clean.bytes, clean.type, auth?.pubkey);
      });
  deps.log.debug('media stored', {
    sha256: result.blob.sha256,
    size: result.blob.size,
    type: result.blob.type,
    created: result.created,
  });
  return c.json(blobDescriptor(originOf(c, deps), result.blob), result.created ? 201 : 200, {
    ...CORS,
    'cache-control': 'no-store',
  });
}

async function preflight(c: Context, deps: MediaDeps, verb: BlossomVerb): Promise<Response> {
  const length = c.req.header('x-content-length');
  if (length === undefined) throw mediaError('length-required', 'X-Content-Length is required');
  if (!/^\d{1,15}$/.test(length)) throw mediaError('bad-request', 'X-Content-Length must be a whole number of bytes');
  const claimed = c.req.header('x-sha-256')?.toLowerCase();
  if (claimed !== undefined && !isHex64(claimed))
    throw mediaError('bad-request', 'X-SHA-256 must be 64 lowercase hex characters');
  authorize(c, deps, verb, deps.uploadAuth, claimed ? [claimed] : undefined);
  const refusal = checkAnnounced(c.req.header('x-content-type'), Number(length), deps.maxUploadBytes, deps.policy);
  if (refusal) throw refusalError(refusal);
  return c.body(null, 200, CORS);
}

const tooLarge = (deps: MediaDeps) =>
  mediaError('too-large', `file is too large: the limit is ${deps.maxUploadBytes} bytes`);
