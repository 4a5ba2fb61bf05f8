import type { ClusterPost, ClusterSummary } from '@lifeline/desk-signals';

/** Messages from the node to the cluster worker. */
export type ToWorker =
  | { type: 'posts'; batch: number; posts: Array<ClusterPost & { at: number }> }
  | { type: 'clusters'; req: number; limit: number }
  | { type: 'cluster'; req: number; id: number }
  | { type: 'shared'; req: number; pubkeys: string[] };

/** Messages from the cluster worker to the node. */
export type FromWorker =
  | { type: 'done'; batch: number }
  | { type: 'changes'; joined: Array<{ cluster: number; pubkeys: string[] }>; gone: number[] }
  | {
      type: 'answer';
      req: number;
      clusters?: ClusterSummary[];
      groups?: Array<{ cluster: number; pubkeys: string[] }>;
    };
