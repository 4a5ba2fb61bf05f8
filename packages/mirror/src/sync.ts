import { createHash } from 'node:crypto';
import { NegentropyStorage, type Filter, type NostrEvent } from '@lifeline/nostr';
import { NegentropyUnsupported, reconcile } from './negentropy-client.js';
import { relaySizes, type RelayLink } from './relay-link.js';
import { fetchPatiently, pageAll, publishPatiently, type SyncSide } from './side.js';

/** Which way events are copied: from the relay (down), to it (up), or both. */
export type Direction = 'down' | 'up' | 'both';

/** Progress of a sync, for a progress bar. */
export interface SyncProgress {
  phase: 'listing' | 'reconciling' | 'down' | 'up' | 'done';
  done: number;
  total: number;
}

/** What one sync did. */
export interface SyncReport {
  method: 'negentropy' | 'req';
  /** Ids only our side had / only the relay had. */
  have: number;
  need: number;
  /** Events copied, and refused by the receiving side (deleted, vanished, policy). */
  downloaded: number;
  uploaded: number;
  refused: number;
  /** Bytes on the wire with the relay (WebSocket text), each way. */
  bytesUp: number;
  bytesDown: number;
  rounds: number;
  ms: number;
}

/** How to sync. */
export interface SyncOptions {
  filter?: Filter;
  direction?: Direction;
  /** Only find the differences; copy nothing. */
  dryRun?: boolean;
  onProgress?: (p: SyncProgress) => void;
}

const IDS_PER_REQ = 500;
const nodeSha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();

/**
 * Reconciles our side with a relay: NIP-77 negentropy when the relay speaks it, else REQ paging
 * (every matching event downloaded and compared by id). Events we lack enter our side through its
 * own way in (a node's `addEvent` with source `sync`), so its policies, deletions and vanish
 * tombstones decide; events the relay lacks are published to it.
 */
export async function syncWithRelay(side: SyncSide, link: RelayLink, options: SyncOptions = {}): Promise<SyncReport> {
  const started = Date.now();
  const filter = options.filter ?? {};
  const direction = options.direction ?? 'both';
  const progress = options.onProgress ?? (() => {});
  const before = { ...link.traffic };
  progress({ phase: 'listing', done: 0, total: 0 });
  // Our records are read while the relay reads its own (reconcile opens the session at once).
  const loading = side.items(filter).then(storageOf);
  loading.catch(() => {});
  let method: SyncReport['method'] = 'negentropy';
  let have: string[];
  let need: string[];
  let rounds = 0;
  let fetched: Map<string, NostrEvent> | undefined;
  try {
    const d = await reconcile(link, filter, loading, {
      frameBytes: await frameBytesFor(link.url),
      onRound: (r) => progress({ phase: 'reconciling', done: r.have.length + r.need.length, total: 0 }),
    });
    // With frame size limits an id may be reported twice (the protocol says so).
    have = [...new Set(d.have)];
    need = [...new Set(d.need)];
    rounds = d.rounds;
  } catch (err) {
    if (!(err instanceof NegentropyUnsupported)) throw err;
    method = 'req';
    const storage = await loading;
    const remote = await pageAll(link, filter, (n) => progress({ phase: 'listing', done: n, total: 0 }));
    fetched = new Map(remote.map((e) => [e.id, e]));
    const ours = new Set<string>();
    for (let i = 0; i < storage.size; i++) ours.add(storage.idHex(i));
    need = remote.filter((e) => !ours.has(e.id)).map((e) => e.id);
    have = [...ours].filter((id) => !fetched!.has(id));
    rounds = 0;
  }
  const report: SyncReport = {
    method,
    have: have.length,
    need: need.length,
    downloaded: 0,
    uploaded: 0,
    refused: 0,
    bytesUp: 0,
    bytesDown: 0,
    rounds,
    ms: 0,
  };
  if (!options.dryRun && direction !== 'up') await download(side, link, need, fetched, report, progress);
  if (!options.dryRun && direction !== 'down') await upload(side, link, have, report, progress);
  report.bytesUp = link.traffic.up - before.up;
  report.bytesDown = link.traffic.down - before.down;
  report.ms = Date.now() - started;
  progress({ phase: 'done', done: 1, total: 1 });
  return report;
}

/**
 * Our negentropy frame size: as large as the relay accepts (its NIP-11 max_message_length, less
 * room for the JSON around the hex, halved for hex), at most 4 MB, but no larger than the frames
 * the relay itself sends when it says (a frame larger than the other side's is cut every round,
 * and a cut round is re-sent: bench/RESULTS.md). 60,000 bytes when the relay says nothing.
 */
export async function frameBytesFor(url: string): Promise<number> {
  const { maxMessage, negentropyFrame } = await relaySizes(url);
  let frame = maxMessage === undefined ? 60_000 : Math.floor((maxMessage - 1024) / 2);
  if (negentropyFrame !== undefined) frame = Math.min(frame, negentropyFrame);
  return Math.max(4096, Math.min(4_000_000, frame));
}

function storageOf(items: { timestamps: Float64Array; ids: Uint8Array }): NegentropyStorage {
  return NegentropyStorage.fromSorted(items.timestamps, items.ids, nodeSha256);
}

async function download(
  side: SyncSide,
  link: RelayLink,
  need: string[],
  fetched: Map<string, NostrEvent> | undefined,
  report: SyncReport,
  progress: (p: SyncProgress) => void,
): Promise<void> {
  for (let i = 0; i < need.length; i += IDS_PER_REQ) {
    const ids = need.slice(i, i + IDS_PER_REQ);
    const events = fetched
      ? ids.map((id) => fetched.get(id)).filter((e): e is NostrEvent => e !== undefined)
      : await fetchPatiently(link, [{ ids, limit: ids.length }]);
    // Oldest first, so a deletion arrives after what it deletes and replaceable events settle in order.
    events.sort((a, b) => a.created_at - b.created_at);
    const results = await Promise.all(events.map((e) => side.add(e)));
    for (const r of results) {
      if (r.ok) report.downloaded++;
      else report.refused++;
    }
    progress({ phase: 'down', done: Math.min(i + IDS_PER_REQ, need.length), total: need.length });
  }
}

async function upload(
  side: SyncSide,
  link: RelayLink,
  have: string[],
  report: SyncReport,
  progress: (p: SyncProgress) => void,
): Promise<void> {
  for (let i = 0; i < have.length; i += IDS_PER_REQ) {
    const events = await side.get(have.slice(i, i + IDS_PER_REQ));
    events.sort((a, b) => a.created_at - b.created_at);
    // A window of publishes in flight: fast on a good link, gentle with the relay's rate limits.
    for (let j = 0; j < events.length; j += 50) {
      const results = await Promise.all(events.slice(j, j + 50).map((e) => publishPatiently(link, e)));
      for (const r of results) {
        if (r.ok) report.uploaded++;
        else report.refused++;
      }
    }
    progress({ phase: 'up', done: Math.min(i + IDS_PER_REQ, have.length), total: have.length });
  }
}
