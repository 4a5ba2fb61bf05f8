import { parentPort, workerData } from 'node:worker_threads';
import { Clusterer, type ClusterSettings } from '@lifeline/desk-signals';
import type { FromWorker, ToWorker } from './cluster-protocol.js';

/*
 * The cluster worker: owns one Clusterer, takes batches of posts from the node's event-saved hook
 * and answers the desk's questions. Hashing and bucket work never run on the event loop.
 */

const clusterer = new Clusterer(workerData as Partial<ClusterSettings>);
const port = parentPort!;
const send = (m: FromWorker) => port.postMessage(m);

port.on('message', (m: ToWorker) => {
  switch (m.type) {
    case 'posts': {
      for (const p of m.posts) clusterer.add(p, p.at);
      const { joined, gone } = clusterer.drainChanges();
      if (joined.length > 0 || gone.length > 0) send({ type: 'changes', joined, gone });
      send({ type: 'done', batch: m.batch });
      break;
    }
    case 'clusters':
      send({ type: 'answer', req: m.req, clusters: clusterer.clusters(m.limit) });
      break;
    case 'cluster': {
      const c = clusterer.cluster(m.id);
      send({ type: 'answer', req: m.req, clusters: c ? [c] : [] });
      break;
    }
    case 'shared':
      send({ type: 'answer', req: m.req, groups: clusterer.sharedClusters(m.pubkeys) });
      break;
  }
});
