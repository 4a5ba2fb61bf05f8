import type { EventTemplate } from '@lifeline/nostr';
import type { LookalikeVerdict } from './lookalike.js';

/*
 * The label events of this package (NIP-32, kind 1985), readable by any Nostr client:
 * - the node's impostor flag: namespace IMPOSTOR_NAMESPACE, value "impostor", a `p` tag for the
 *   impostor and an `imitates` tag for the account it imitates (not a `p`, which would label the
 *   victim too), one `reason` tag per signal, content a one-line English explanation;
 * - a desk member's label of a whole coordinated cluster: namespace CLUSTER_NAMESPACE, one `p` tag
 *   per account and one `e` tag per first post, the value chosen by the member.
 */

/** NIP-32 namespace of the node's impostor labels. */
export const IMPOSTOR_NAMESPACE = 'lifeline.impostor';
/** NIP-32 namespace of cluster labels. */
export const CLUSTER_NAMESPACE = 'lifeline.cluster';
/** NIP-32 label kind. */
export const LABEL_KIND = 1985;

/** The node's label flagging an impostor. */
export function impostorLabel(verdict: LookalikeVerdict, createdAt: number): EventTemplate {
  return {
    kind: LABEL_KIND,
    created_at: createdAt,
    tags: [
      ['L', IMPOSTOR_NAMESPACE],
      ['l', 'impostor', IMPOSTOR_NAMESPACE],
      ['p', verdict.pubkey],
      ['imitates', verdict.imitates],
      ...verdict.reasons.map((r) => ['reason', r]),
    ],
    content: `Impostor of ${verdict.name} (${verdict.imitates}): ${verdict.reasons.join(', ')}`,
  };
}

/** Reads an impostor label back (undefined when the event is not one). */
export function parseImpostorLabel(event: {
  kind: number;
  tags: string[][];
}): { pubkey: string; imitates: string; reasons: string[] } | undefined {
  if (event.kind !== LABEL_KIND) return undefined;
  const has = event.tags.some((t) => t[0] === 'l' && t[1] === 'impostor' && t[2] === IMPOSTOR_NAMESPACE);
  const pubkey = event.tags.find((t) => t[0] === 'p')?.[1];
  const imitates = event.tags.find((t) => t[0] === 'imitates')?.[1];
  if (!has || !pubkey || !imitates) return undefined;
  return { pubkey, imitates, reasons: event.tags.filter((t) => t[0] === 'reason').map((t) => t[1] ?? '') };
}

/** Cluster labels may name at most this many accounts (a label event stays under common tag limits). */
export const MAX_CLUSTER_LABEL_ACCOUNTS = 500;

/** A desk member's label for every account of a cluster (e.g. "coordinated", "sockpuppet"). */
export function clusterLabel(
  cluster: { id: number; accounts: string[]; firstPosts: Array<{ id: string }> },
  value: string,
  reason: string,
  createdAt: number,
): EventTemplate {
  if (cluster.accounts.length > MAX_CLUSTER_LABEL_ACCOUNTS)
    throw new Error(`a cluster label names at most ${MAX_CLUSTER_LABEL_ACCOUNTS} accounts`);
  return {
    kind: LABEL_KIND,
    created_at: createdAt,
    tags: [
      ['L', CLUSTER_NAMESPACE],
      ['l', value, CLUSTER_NAMESPACE],
      ...cluster.accounts.map((p) => ['p', p]),
      ...cluster.firstPosts.map((p) => ['e', p.id]),
    ],
    content: reason,
  };
}
