/*
 * NIP-05 identifiers (`name@domain`): where the proof lives and whether a nostr.json answer proves
 * a pubkey. Fetching is the caller's choice, because a request tells the domain who is looking.
 */

/** The parts of a NIP-05 identifier; `_@domain` is shown as just the domain. */
export interface Nip05Id {
  name: string;
  domain: string;
  /** What to show: `name@domain`, or `domain` for the root name `_`. */
  display: string;
}

/** Parses `name@domain` (lowercased); undefined when it is not one. */
export function parseNip05(id: string | undefined): Nip05Id | undefined {
  const m = /^([a-z0-9._-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+(?::\d{1,5})?)$/.exec((id ?? '').trim().toLowerCase());
  if (!m) return undefined;
  const [, name, domain] = m as unknown as [string, string, string];
  return { name, domain, display: name === '_' ? domain : `${name}@${domain}` };
}

/** The URL that holds the proof: `/.well-known/nostr.json?name=<name>` on the domain (NIP-05). */
export function nip05Url(id: Nip05Id, protocol: 'https:' | 'http:' = 'https:'): string {
  return `${protocol}//${id.domain}/.well-known/nostr.json?name=${encodeURIComponent(id.name)}`;
}

/** True when a nostr.json body maps `name` to exactly this hex pubkey. */
export function nip05Proves(body: unknown, name: string, pubkey: string): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const names = (body as { names?: unknown }).names;
  if (typeof names !== 'object' || names === null) return false;
  const value = (names as Record<string, unknown>)[name];
  return typeof value === 'string' && value.toLowerCase() === pubkey.toLowerCase();
}
