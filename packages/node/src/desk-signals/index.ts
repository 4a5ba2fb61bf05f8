import type { Config } from '@lifeline/config';
import { IMPOSTOR_NAMESPACE, impostorLabel, LABEL_KIND, parseImpostorLabel } from '@lifeline/desk-signals';
import type { NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import type { Hono } from 'hono';
import type { DeskList } from '@lifeline/nostr';
import type { DeskMembership } from '../desk/members.js';
import type { Logger } from '../log.js';
import type { NodeIdentity } from '../node-identity.js';
import { avatarHasher } from './avatar-hash.js';
import { type ClusterFeed, type ClusterQueries, clusterFeed } from './clusters.js';
import { ImpostorIndex } from './impostors.js';
import { readPaged } from './preload.js';
import { signalRoutes } from './routes.js';

export type { ClusterQueries } from './clusters.js';
export { ImpostorIndex } from './impostors.js';

/** The settings desk signals read. */
export type DeskSignalsSettings = Pick<
  Config,
  | 'impostorMinFollowers'
  | 'avatarFetch'
  | 'avatarMaxBytes'
  | 'avatarTimeoutMs'
  | 'avatarAllowPrivate'
  | 'clusterDetection'
  | 'clusterWindowSeconds'
  | 'clusterMinAccounts'
>;

/** What desk signals need from the node. */
export interface DeskSignalsDeps {
  store: Pick<EventStore, 'query'>;
  onStored(listener: (event: NostrEvent) => void): () => void;
  desk: Pick<DeskMembership, 'desks' | 'isMember' | 'onChange'>;
  /** The desk book: accounts its members labelled `trusted` are protected like members. */
  book?: { accounts(desk: DeskList): Map<string, { label: string }>; campaignsChanged?(): void };
  identity: Pick<NodeIdentity, 'pubkey' | 'publish'>;
  log: Logger;
}

/** Impostor flags and coordinated clusters, as the desk and every reader see them. */
export interface DeskSignals {
  impostors: ImpostorIndex;
  /** Undefined when `clusterDetection` is off. */
  clusters?: ClusterQueries & Pick<ClusterFeed, 'settled' | 'dropped'>;
  routes(app: Hono): void;
  /** What the desk's independence rule asks, synchronously: the cluster of an account, whom it imitates. */
  campaigns: { clusterOf(pubkey: string): string | undefined; impostorOf(pubkey: string): string | undefined };
  /** Resolves when the profiles and follow lists already stored have been read. */
  ready: Promise<void>;
  close(): Promise<void>;
}

// At start the index reads the newest stored follow lists and profiles (this many of each); older
// ones are learnt again when their authors next publish.
const PRELOAD = 200_000;

/** Starts the impostor index and the cluster worker, fed from relay.onStored. */
export function openDeskSignals(settings: DeskSignalsSettings, deps: DeskSignalsDeps): DeskSignals {
  // Members and accounts a member labelled trusted, recomputed when a label or membership arrives.
  let trustedSet = new Set<string>();
  const recomputeTrust = () => {
    const next = new Set<string>();
    for (const d of deps.desk.desks()) {
      for (const m of d.members) next.add(m);
      for (const [pk, v] of deps.book?.accounts(d) ?? []) if (v.label === 'trusted') next.add(pk);
    }
    const added = [...next].filter((pk) => !trustedSet.has(pk));
    trustedSet = next;
    return added;
  };
  recomputeTrust();
  // The node's impostor labels still standing, per flagged account (withdrawn when it is cleared).
  const labels = new Map<string, string[]>();
  const impostors = new ImpostorIndex({
    minFollowers: settings.impostorMinFollowers,
    isTrusted: (pk) => trustedSet.has(pk),
    trusted: () => trustedSet,
    ...(settings.avatarFetch
      ? {
          avatarHash: avatarHasher(
            {
              maxBytes: settings.avatarMaxBytes,
              timeoutMs: settings.avatarTimeoutMs,
              allowPrivate: settings.avatarAllowPrivate,
            },
            (_url, err) => deps.log.debug('avatar not hashed', { error: err.message }),
          ),
        }
      : {}),
    onVerdict: (v) => {
      deps.book?.campaignsChanged?.();
      deps.identity
        .publish(impostorLabel(v, Math.floor(Date.now() / 1000)))
        .then((r) => {
          if (r.ok && r.id) labels.set(v.pubkey, [...(labels.get(v.pubkey) ?? []), r.id]);
        })
        .catch((err: Error) => deps.log.warn('impostor label not published', { error: err.message }));
    },
    onCleared: (pubkey) => {
      deps.book?.campaignsChanged?.();
      // The flag is withdrawn the NIP-09 way, so every client holding the label can drop it.
      const ids = labels.get(pubkey) ?? [];
      labels.delete(pubkey);
      if (ids.length === 0) return;
      deps.identity
        .publish({
          kind: 5,
          tags: [...ids.map((id) => ['e', id]), ['k', String(LABEL_KIND)]],
          content: 'no longer imitates another account',
        })
        .catch((err: Error) => deps.log.warn('impostor label not withdrawn', { error: err.message }));
    },
  });
  const clusters = settings.clusterDetection
    ? clusterFeed({ windowMs: settings.clusterWindowSeconds * 1000, minAccounts: settings.clusterMinAccounts }, (err) =>
        deps.log.error('cluster worker failed', { error: err.message }),
      )
    : undefined;
  const trustMoved = () => {
    for (const pk of recomputeTrust()) impostors.trustChanged(pk);
  };
  const stop = deps.onStored((event) => {
    if (event.kind === LABEL_KIND) trustMoved();
    impostors.observe(event);
    clusters?.observe(event);
  });
  const stopDesk = deps.desk.onChange(trustMoved);
  const ready = (async () => {
    // The node's own labels from before a restart: not announced twice, withdrawn if they no longer hold.
    const own: NostrEvent[] = [];
    await readPaged(
      deps.store,
      { kinds: [LABEL_KIND], authors: [deps.identity.pubkey], '#L': [IMPOSTOR_NAMESPACE] },
      PRELOAD,
      (e) => own.push(e),
    );
    for (const event of own.sort((a, b) => a.created_at - b.created_at)) {
      const l = parseImpostorLabel(event);
      if (!l) continue;
      impostors.seedAnnounced(l.pubkey, l.imitates, l.reasons);
      labels.set(l.pubkey, [...(labels.get(l.pubkey) ?? []), event.id]);
    }
    // Replaced profiles and lists are not stored, so order does not matter: each page is applied as read.
    impostors.beginLoading();
    try {
      await readPaged(deps.store, { kinds: [3] }, PRELOAD, (e) => impostors.observe(e));
      await readPaged(deps.store, { kinds: [0] }, PRELOAD, (e) => impostors.observe(e));
    } finally {
      impostors.endLoading();
    }
    await impostors.reconcile();
  })().catch((err: Error) => deps.log.warn('stored profiles not read', { error: err.message }));
  return {
    impostors,
    ...(clusters ? { clusters } : {}),
    routes: signalRoutes({
      impostors,
      ...(clusters ? { clusters } : {}),
      nodePubkey: deps.identity.pubkey,
      store: deps.store,
    }),
    campaigns: {
      clusterOf: (pk) => {
        const c = clusters?.clusterOf(pk);
        return c === undefined ? undefined : String(c);
      },
      impostorOf: (pk) => impostors.verdict(pk)?.imitates,
    },
    ready,
    async close() {
      stop();
      stopDesk();
      await clusters?.close();
    },
  };
}
