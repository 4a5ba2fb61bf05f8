import { normalizeRelayUrl } from '@lifeline/nostr';

/** At most this many mirrors are used from one node's list: a huge list must not open a huge pool. */
export const MAX_NODE_MIRRORS = 8;

/** Where the mirrors last learnt are kept (`localStorage` in the browser). */
export interface MirrorMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'lifeline.mirrors';

/**
 * The relay URLs in a NIP-11 document's Lifeline `mirrors` key: normalized, deduplicated, without
 * the node itself (`self`), at most MAX_NODE_MIRRORS; anything that is not a ws(s) URL is dropped.
 */
export function nodeMirrors(doc: unknown, self?: string): string[] {
  const raw = doc && typeof doc === 'object' ? (doc as { mirrors?: unknown }).mirrors : undefined;
  if (!Array.isArray(raw)) return [];
  const own = self ? normalizeRelayUrl(self) : undefined;
  const out: string[] = [];
  for (const u of raw) {
    const n = typeof u === 'string' ? normalizeRelayUrl(u) : undefined;
    if (n && n !== own && !out.includes(n)) out.push(n);
    if (out.length === MAX_NODE_MIRRORS) break;
  }
  return out;
}

/** The mirrors remembered from the last successful NIP-11 read (empty when none or unreadable). */
export function rememberedMirrors(memory: MirrorMemory, self?: string): string[] {
  try {
    return nodeMirrors({ mirrors: JSON.parse(memory.getItem(KEY) ?? '[]') }, self);
  } catch {
    return [];
  }
}

/**
 * Reads the node's NIP-11 document at `url` and remembers its mirrors. When the node cannot be
 * reached or answers badly, the remembered ones are returned and the memory is left as it was.
 */
export async function learnNodeMirrors(
  url: string,
  memory: MirrorMemory,
  opts: { self?: string; fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<string[]> {
  const get = opts.fetch ?? fetch;
  try {
    const res = await get(url, {
      headers: { accept: 'application/nostr+json' },
      cache: 'no-store',
      signal: AbortSignal.timeout(opts.timeoutMs ?? 8000),
    });
    if (!res.ok) return rememberedMirrors(memory, opts.self);
    const list = nodeMirrors(await res.json(), opts.self);
    memory.setItem(KEY, JSON.stringify(list));
    return list;
  } catch {
    return rememberedMirrors(memory, opts.self);
  }
}
