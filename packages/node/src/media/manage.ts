import type { Hono } from 'hono';
import { blobDescriptor } from '@lifeline/blossom';
import { authorize } from './auth.js';
import { CORS, mediaError, originOf, type MediaDeps } from './context.js';
import { BLOB_PATH } from './get.js';
import { isHex64 } from '@lifeline/nostr';

/**
 * BUD-12 DELETE /<sha256> and GET /list/<pubkey>. A delete removes the signer as an owner; the
 * last owner's delete removes the blob from disk. Lists are private: only the owner may list
 * their uploads, since a public list would tie unpublished photos to a key.
 */
export function blobManageRoutes(deps: MediaDeps) {
  return (app: Hono) => {
    app.delete(BLOB_PATH, async (c) => {
      const sha256 = c.req.param('blob')!.slice(0, 64);
      const auth = authorize(c, deps, 'delete', true, [sha256])!;
      const outcome = await deps.store.remove(sha256, auth.pubkey);
      if (outcome === 'not-found') throw mediaError('not-found', 'blob not found');
      if (outcome === 'not-owner') throw mediaError('not-owner', 'only a pubkey that uploaded this blob can delete it');
      deps.log.debug('media delete', { sha256, removed: outcome === 'deleted' });
      return c.json({ deleted: sha256, removedFromDisk: outcome === 'deleted' }, 200, CORS);
    });

    app.get('/list/:pubkey', (c) => {
      const pubkey = c.req.param('pubkey');
      if (!isHex64(pubkey)) throw mediaError('bad-request', 'pubkey must be 64 lowercase hex characters');
      const auth = authorize(c, deps, 'list', true)!;
      if (auth.pubkey !== pubkey) throw mediaError('not-owner', 'only the owner can list their uploads');
      const limit = intParam(c.req.query('limit'), 'limit') ?? 100;
      const cursor = c.req.query('cursor');
      if (cursor !== undefined && !isHex64(cursor)) throw mediaError('bad-request', 'cursor must be a blob sha256');
      const since = intParam(c.req.query('since'), 'since');
      const until = intParam(c.req.query('until'), 'until');
      const blobs = deps.store.list(pubkey, {
        limit: Math.min(Math.max(limit, 1), 1000),
        ...(cursor ? { cursor } : {}),
        ...(since !== undefined ? { since } : {}),
        ...(until !== undefined ? { until } : {}),
      });
      if (!blobs) throw mediaError('bad-request', "cursor is not one of this pubkey's blobs");
      const origin = originOf(c, deps);
      return c.json(
        blobs.map((b) => blobDescriptor(origin, b)),
        200,
        { ...CORS, 'cache-control': 'no-store' },
      );
    });
  };
}

function intParam(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,15}$/.test(value)) throw mediaError('bad-request', `${name} must be a whole number`);
  return Number(value);
}
