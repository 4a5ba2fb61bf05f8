import { resolve } from 'node:path';
import { validateFilter, type Filter } from '@lifeline/nostr';
import { openCore } from '@lifeline/node';
import {
  RelayLink,
  relaySide,
  storeSide,
  syncWithRelay,
  type Direction,
  type SyncProgress,
  type SyncReport,
  type SyncSide,
} from '@lifeline/mirror';
import { UsageError, parseArgs } from '../args.js';
import { createsNode, nodeConfig } from '../node-config.js';
import { formatCount, formatDuration, formatProgress } from '../progress.js';
import type { Command } from './command.js';

const DIRECTIONS: readonly Direction[] = ['down', 'up', 'both'];
const isRelayUrl = (u: string) => URL.canParse(u) && ['ws:', 'wss:'].includes(new URL(u).protocol);

/** `lifeline sync`: reconciles the local node (or another relay) with a relay, NIP-77 first. */
export const sync: Command = {
  usage: 'sync RELAY-URL [--into RELAY-URL] [--filter JSON] [--direction down|up|both] [--dry-run] [--data DIR]',
  about: `Reconciles the local node (--data) with the relay at RELAY-URL using NIP-77 negentropy, or by
paging through REQ when the relay does not speak it, then copies what each side lacks: events from the
relay enter the node through its one way in (source "sync"), so policies, deletions and requests to
vanish apply and a deleted event is never brought back. With --into, another relay takes the local
node's place (its events are listed with REQ and copies are published to it). --dry-run only counts
the differences. Prints a summary: have/need counts, bytes each way and the time taken.`,
  flags: {
    into: { kind: 'string', value: 'URL', description: 'reconcile this relay instead of the local node' },
    filter: { kind: 'string', value: 'JSON', description: 'NIP-01 filter limiting what is synced (default {})' },
    direction: { kind: 'string', value: 'DIR', description: 'down (fetch), up (send) or both (default both)' },
    'dry-run': { kind: 'boolean', description: 'find the differences, copy nothing' },
  },
  async run(argv, io) {
    const { positional, flags, rest } = parseArgs(argv, this.flags);
    const url = positional[0];
    if (!url || positional.length > 1) throw new UsageError('give exactly one relay URL to sync with');
    if (!isRelayUrl(url)) throw new UsageError(`not a ws:// or wss:// URL: ${url}`);
    const into = flags.into as string | undefined;
    if (into !== undefined && !isRelayUrl(into)) throw new UsageError(`--into: not a ws:// or wss:// URL: ${into}`);
    const direction = (flags.direction as string | undefined) ?? 'both';
    if (!DIRECTIONS.includes(direction as Direction))
      throw new UsageError(`--direction must be down, up or both, not ${direction}`);
    const filter = parseFilter((flags.filter as string | undefined) ?? '{}');
    const dryRun = flags['dry-run'] === true;

    let side: SyncSide;
    let close: () => Promise<void>;
    if (into !== undefined) {
      if (rest.length > 0) throw new UsageError(`node settings (${rest[0]}) make no sense with --into`);
      const target = await relaySide(into).catch((err: Error) => {
        throw new UsageError(`cannot reach ${into}: ${err.message}`);
      });
      side = target;
      close = async () => target.link.close();
    } else {
      const config = nodeConfig(rest, process.env);
      if (createsNode(config.data)) io.err(`no node in ${resolve(config.data)} yet: creating one`);
      const core = await openCore({ ...config, logLevel: 'warn' });
      side = storeSide(core.store, core.relay.addEvent, config.negentropyMaxRecords);
      close = () => core.close();
    }
    try {
      const link = await RelayLink.open(url).catch((err: Error) => {
        throw new UsageError(`cannot reach ${url}: ${err.message}`);
      });
      try {
        const report = await syncWithRelay(side, link, {
          filter,
          direction: direction as Direction,
          dryRun,
          onProgress: progressLine(),
        });
        io.err(summary(url, report, dryRun));
        return 0;
      } finally {
        link.close();
      }
    } finally {
      await close();
    }
  },
};

function parseFilter(json: string): Filter {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UsageError(`--filter is not JSON: ${json}`);
  }
  const r = validateFilter(raw, { maxValues: 10_000, maxSearchLength: 256, maxSearchTerms: 12 });
  if (!r.ok) throw new UsageError(`--filter: ${r.reason}`);
  return r.filter;
}

const LABELS: Record<SyncProgress['phase'], string> = {
  listing: 'listing events',
  reconciling: 'reconciling, differences found',
  down: 'fetching',
  up: 'sending',
  done: '',
};

/** A progress bar on a terminal (one redrawn line per phase); nothing elsewhere. */
function progressLine(): (p: SyncProgress) => void {
  const out = process.stderr;
  let phase = '';
  let start = Date.now();
  let last = 0;
  return (p) => {
    if (!out.isTTY) return;
    if (p.phase !== phase) {
      if (phase !== '') out.write('\n');
      phase = p.phase;
      start = Date.now();
    }
    if (p.phase === 'done') return;
    const now = Date.now();
    if (now - last < 100 && p.done < p.total) return;
    last = now;
    const total = p.phase === 'down' || p.phase === 'up' ? p.total : undefined;
    out.write(`\r\x1b[K${formatProgress(LABELS[p.phase], p.done, now - start, total)}`);
  };
}

function kb(bytes: number): string {
  return bytes < 10_240 ? `${formatCount(bytes)} B` : `${formatCount(Math.round(bytes / 1024))} KiB`;
}

function summary(url: string, r: SyncReport, dryRun: boolean): string {
  const how = r.method === 'negentropy' ? `NIP-77 negentropy, ${r.rounds} rounds` : 'REQ paging (no NIP-77)';
  const lines = [
    `synced with ${url} (${how}) in ${formatDuration(r.ms)}`,
    `  have (only here): ${formatCount(r.have)}   need (only there): ${formatCount(r.need)}`,
    dryRun
      ? '  dry run: nothing copied'
      : `  fetched ${formatCount(r.downloaded)}, sent ${formatCount(r.uploaded)}, refused ${formatCount(r.refused)} (deleted, vanished or against policy)`,
    `  bytes: ${kb(r.bytesUp)} up, ${kb(r.bytesDown)} down`,
  ];
  return lines.join('\n');
}
