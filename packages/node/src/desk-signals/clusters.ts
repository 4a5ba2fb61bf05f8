import { Worker } from 'node:worker_threads';
import { type ClusterPost, type ClusterSettings, type ClusterSummary, tagMediaHashes } from '@lifeline/desk-signals';
import type { NostrEvent } from '@lifeline/nostr';
import type { FromWorker, ToWorker } from './cluster-protocol.js';

/*
 * The node's side of campaign detection. `observe` runs in relay.onStored for every committed
 * event and costs one array push for a text note: posts of one event-loop turn leave for the worker
 * as one message (setImmediate), so the loop pays one structured clone per turn, not per post.
 * When the worker falls MAX_IN_FLIGHT batches behind, new posts are dropped and counted rather
 * than queued without bound: detection degrades, ingest does not.
 */

const KINDS = new Set([1]);
const MAX_CONTENT = 2000;
const MAX_IN_FLIGHT = 64;

/** A question for the worker, before it gets its request number. */
type Question =
  Extract<ToWorker, { req: number }> extends infer T ? (T extends { req: number } ? Omit<T, 'req'> : never) : never;

/** What the desk can ask about coordinated clusters. */
export interface ClusterQueries {
  /** Reported clusters, most accounts first, then fastest. */
  clusters(limit?: number): Promise<ClusterSummary[]>;
  /** One reported cluster. */
  cluster(id: number): Promise<ClusterSummary | undefined>;
  /**
   * The reported clusters that hold at least two of `pubkeys`, with the ones each holds. The
   * desk's independence rule counts accounts of one group as one source.
   */
  sharedClusters(pubkeys: string[]): Promise<Array<{ cluster: number; pubkeys: string[] }>>;
}

/** The clusterer in its worker, fed with committed events. */
export interface ClusterFeed extends ClusterQueries {
  /**
   * The reported cluster an account is in, answered synchronously from a mirror the worker keeps
   * current after every batch (an account in several answers with the one it joined last).
   */
  clusterOf(pubkey: string): number | undefined;
  observe(event: NostrEvent): void;
  /** Resolves when every post handed over so far has been clustered (tests, benchmarks). */
  settled(): Promise<void>;
  /** Posts dropped because the worker was behind. */
  readonly dropped: number;
  close(): Promise<void>;
}

/** Starts the cluster worker. */
export function clusterFeed(
  settings: Partial<ClusterSettings>,
  onError: (err: Error) => void,
  /** Called when accounts joined or left reported clusters (the desk book re-reads claims). */
  onChange?: () => void,
): ClusterFeed {
  const worker = new Worker(new URL('./cluster-worker.js', import.meta.url), { workerData: settings });
  worker.unref();
  let pending: Array<ClusterPost & { at: number }> = [];
  let scheduled = false;
  let batch = 0;
  let done = 0;
  let dropped = 0;
  let req = 0;
  let closed = false;
  const clusterOf = new Map<string, number>();
  const answers = new Map<number, (m: Extract<FromWorker, { type: 'answer' }>) => void>();
  const waiters: Array<{ batch: number; resolve: () => void }> = [];

  worker.on('message', (m: FromWorker) => {
    if (m.type === 'changes') {
      if (m.gone.length > 0) {
        const gone = new Set(m.gone);
        for (const [pk, c] of clusterOf) if (gone.has(c)) clusterOf.delete(pk);
      }
      for (const { cluster, pubkeys } of m.joined) for (const pk of pubkeys) clusterOf.set(pk, cluster);
      onChange?.();
    } else if (m.type === 'done') {
      done = m.batch;
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!.batch <= done) waiters.splice(i, 1)[0]!.resolve();
    } else {
      answers.get(m.req)?.(m);
      answers.delete(m.req);
    }
  });
  worker.on('error', (err) => {
    closed = true;
    onError(err);
  });

  const flush = () => {
    scheduled = false;
    if (pending.length === 0 || closed) return;
    worker.postMessage({ type: 'posts', batch: ++batch, posts: pending } satisfies ToWorker);
    pending = [];
  };
  const ask = (m: Question) =>
    new Promise<Extract<FromWorker, { type: 'answer' }>>((resolve, reject) => {
      if (closed) return reject(new Error('cluster detection is not running'));
      const id = ++req;
      answers.set(id, resolve);
      worker.postMessage({ ...m, req: id } as ToWorker);
    });

  return {
    observe(event) {
      if (!KINDS.has(event.kind) || closed) return;
      if (batch - done >= MAX_IN_FLIGHT) {
        dropped++;
        return;
      }
      // Media hashes in tags are read here (tags are not sent); those in the content, in the worker.
      const media = tagMediaHashes(event.tags);
      pending.push({
        id: event.id,
        pubkey: event.pubkey,
        createdAt: event.created_at,
        content: event.content.slice(0, MAX_CONTENT),
        at: Date.now(),
        ...(media.length > 0 ? { media } : {}),
      });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    clusterOf: (pubkey) => clusterOf.get(pubkey),
    get dropped() {
      return dropped;
    },
    settled() {
      flush();
      if (done >= batch) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push({ batch, resolve }));
    },
    clusters: async (limit = 50) => (await ask({ type: 'clusters', limit })).clusters ?? [],
    cluster: async (id) => (await ask({ type: 'cluster', id })).clusters?.[0],
    sharedClusters: async (pubkeys) => (await ask({ type: 'shared', pubkeys })).groups ?? [],
    async close() {
      closed = true;
      for (const w of waiters) w.resolve();
      for (const [id, answer] of answers) answer({ type: 'answer', req: id, clusters: [], groups: [] });
      await worker.terminate();
    },
  };
}
