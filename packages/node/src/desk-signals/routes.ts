import type { Hono } from 'hono';
import type { ClusterSummary } from '@lifeline/desk-signals';
import { isHex64 } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import { badRequest, httpError, notFound } from '../http/errors.js';
import type { ClusterQueries } from './clusters.js';
import type { ImpostorIndex } from './impostors.js';

/*
 * The desk-signals HTTP API, open to every reader (docs/protocol.md): verdicts about public
 * profiles and public posts, all recomputable by anyone from the same events, so there is nothing
 * to keep from a reader with no account; the web app shows "Impostor of @…" from it to everyone.
 */

const MAX_KEYS = 100;

/** What the routes read. */
export interface SignalRoutesDeps {
  impostors: ImpostorIndex;
  /** Undefined when cluster detection is off. */
  clusters?: ClusterQueries;
  /** The node's pubkey, which signs the impostor labels. */
  nodePubkey: string;
  /** Where the first posts' texts are read (the clusterer keeps only their ids). */
  store: Pick<EventStore, 'query'>;
}

/** A cluster as served: its first posts with their text, as stored (deleted ones are left out). */
type ServedCluster = Omit<ClusterSummary, 'firstPosts'> & {
  firstPosts: Array<ClusterSummary['firstPosts'][number] & { content: string }>;
};

async function withTexts(store: Pick<EventStore, 'query'>, clusters: ClusterSummary[]): Promise<ServedCluster[]> {
  const ids = clusters.flatMap((c) => c.firstPosts.map((p) => p.id));
  if (ids.length === 0) return clusters.map((c) => ({ ...c, firstPosts: [] }));
  const found = await store.query([{ ids }], { maxLimit: ids.length });
  const text = new Map(found.map((s) => [s.event.id, s.event.content]));
  return clusters.map((c) => ({
    ...c,
    firstPosts: c.firstPosts.flatMap((p) => (text.has(p.id) ? [{ ...p, content: text.get(p.id)! }] : [])),
  }));
}

function keysOf(values: string[]): string[] {
  if (values.length === 0) throw badRequest('give at least one p=<hex pubkey>');
  if (values.length > MAX_KEYS) throw badRequest(`at most ${MAX_KEYS} pubkeys per request`);
  for (const v of values) if (!isHex64(v)) throw badRequest('p must be a 64-character hex pubkey');
  return [...new Set(values)];
}

/** Mounts GET /desk/signals/{impostors,clusters,clusters/:id,same-cluster}. */
export function signalRoutes(deps: SignalRoutesDeps) {
  const clusters = () => {
    if (!deps.clusters) throw httpError('not-found', 'cluster detection is off on this node');
    return deps.clusters;
  };
  return (app: Hono) => {
    app.get('/desk/signals/impostors', (c) => {
      const verdicts: Record<string, { imitates: string; name: string; reasons: string[] }> = {};
      for (const pk of keysOf(c.req.queries('p') ?? [])) {
        const v = deps.impostors.verdict(pk);
        if (v) verdicts[pk] = { imitates: v.imitates, name: v.name, reasons: v.reasons };
      }
      c.header('cache-control', 'no-cache');
      return c.json({ signer: deps.nodePubkey, verdicts });
    });
    app.get('/desk/signals/clusters', async (c) => {
      const raw = c.req.query('limit') ?? '50';
      const limit = Number(raw);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badRequest('limit must be 1 to 500');
      return c.json({ clusters: await withTexts(deps.store, await clusters().clusters(limit)) });
    });
    app.get('/desk/signals/clusters/:id', async (c) => {
      const id = Number(c.req.param('id'));
      if (!Number.isInteger(id) || id < 1) throw badRequest('a cluster id is a positive integer');
      const found = await clusters().cluster(id);
      if (!found) throw notFound('no such cluster (it may have aged out)');
      return c.json((await withTexts(deps.store, [found]))[0]);
    });
    app.get('/desk/signals/same-cluster', async (c) => {
      const keys = keysOf(c.req.queries('p') ?? []);
      return c.json({ groups: await clusters().sharedClusters(keys) });
    });
  };
}
