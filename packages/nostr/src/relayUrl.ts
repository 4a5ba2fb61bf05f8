/**
 * Normalizes a relay URL for comparison (NIP-42 `relay` tags, NIP-62 requests): lowercase
 * scheme and host, http(s) read as ws(s), default port dropped, trailing slashes, query and
 * fragment removed. Returns undefined for anything that is not a ws(s)/http(s) URL.
 */
export function normalizeRelayUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return undefined;
  }
  const scheme = { 'ws:': 'ws:', 'wss:': 'wss:', 'http:': 'ws:', 'https:': 'wss:' }[u.protocol];
  if (!scheme || u.hostname === '') return undefined;
  const defaultPort = scheme === 'wss:' ? '443' : '80';
  const port = u.port === '' || u.port === defaultPort ? '' : `:${u.port}`;
  const path = u.pathname.replace(/\/+$/, '');
  return `${scheme}//${u.hostname}${port}${path}`;
}

/** True when two relay URLs name the same relay after normalization. */
export function sameRelayUrl(a: string, b: string): boolean {
  const na = normalizeRelayUrl(a);
  return na !== undefined && na === normalizeRelayUrl(b);
}
