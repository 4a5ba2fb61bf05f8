import { RELAY_LIST_KIND, normalizeRelayUrl, nowSeconds } from '@lifeline/nostr';
import type { EventTemplate, SignedEvent } from './types.js';

/** Where a user reads from and writes to (NIP-65 outbox model). */
export interface RelayList {
  read: string[];
  write: string[];
}

/**
 * Parses a kind-10002 event: `r` tags without a marker are both read and write, "read" or "write"
 * limit them. Invalid and duplicate URLs are dropped.
 */
function parseRelayList(event: Pick<SignedEvent, 'kind' | 'tags'>): RelayList {
  const list: RelayList = { read: [], write: [] };
  if (event.kind !== RELAY_LIST_KIND) return list;
  for (const t of event.tags) {
    if (t[0] !== 'r' || !t[1]) continue;
    const url = normalizeRelayUrl(t[1]);
    if (!url) continue;
    const marker = t[2];
    if ((marker === undefined || marker === '' || marker === 'read') && !list.read.includes(url)) list.read.push(url);
    if ((marker === undefined || marker === '' || marker === 'write') && !list.write.includes(url))
      list.write.push(url);
  }
  return list;
}

/** Builds a kind-10002 template; a relay in both lists gets one unmarked tag. */
export function buildRelayList(list: RelayList, opts: { created_at?: number } = {}): EventTemplate {
  const read = list.read.map((u) => normalizeRelayUrl(u)).filter((u): u is string => !!u);
  const write = list.write.map((u) => normalizeRelayUrl(u)).filter((u): u is string => !!u);
  if (read.length === 0 || write.length === 0) {
    throw new Error('A relay list needs at least one read and one write relay.');
  }
  const tags: string[][] = [];
  for (const url of [...new Set([...read, ...write])]) {
    const r = read.includes(url);
    const w = write.includes(url);
    tags.push(r && w ? ['r', url] : ['r', url, r ? 'read' : 'write']);
  }
  return { kind: RELAY_LIST_KIND, created_at: opts.created_at ?? nowSeconds(), tags, content: '' };
}

/**
 * The relay list to use: the user's own when it names read and write relays, otherwise the
 * defaults (typically the node serving the app and its mirrors) for whichever side is empty.
 */
export function relayListOrDefault(
  event: Pick<SignedEvent, 'kind' | 'tags'> | undefined,
  defaults: string[],
): RelayList {
  const own = event ? parseRelayList(event) : { read: [], write: [] };
  const fallback = defaults.map((u) => normalizeRelayUrl(u)).filter((u): u is string => !!u);
  return {
    read: own.read.length > 0 ? own.read : fallback,
    write: own.write.length > 0 ? own.write : fallback,
  };
}
