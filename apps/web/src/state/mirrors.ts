import { normalizeRelayUrls } from '@lifeline/client';

/** localStorage key of the serving node's mirrors, so a reload during an outage still knows them. */
const KEY = 'lifeline.mirrors';

/** The serving node's mirrors as last seen in its NIP-11 document (empty when never seen). */
export function rememberedMirrors(): string[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? normalizeRelayUrls(raw.filter((u): u is string => typeof u === 'string')) : [];
  } catch {
    return [];
  }
}

/**
 * Reads the serving node's NIP-11 document (same origin, never cached) and remembers its `mirrors`.
 * Resolves to the mirrors now known: the remembered ones when the node cannot be reached.
 */
export async function learnMirrors(): Promise<string[]> {
  try {
    const res = await fetch('/', { headers: { accept: 'application/nostr+json' }, cache: 'no-store' });
    if (!res.ok) return rememberedMirrors();
    const doc = (await res.json()) as { mirrors?: unknown };
    const list = Array.isArray(doc.mirrors)
      ? normalizeRelayUrls(doc.mirrors.filter((u): u is string => typeof u === 'string'))
      : [];
    localStorage.setItem(KEY, JSON.stringify(list));
    return list;
  } catch {
    return rememberedMirrors();
  }
}
