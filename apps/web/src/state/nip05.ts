import { nip05Proves, parseNip05, type Nip05Id } from '@lifeline/client';
import { createStore } from './store.js';

/*
 * NIP-05 checks. A check is a request to the identifier's domain, which learns the reader's address
 * and whose profile they opened; so the app checks automatically only identifiers on the node that
 * served it (a same-origin request to a server that already sees the reader), and the page's
 * Content-Security-Policy (connect-src 'self') forbids fetching any other origin anyway. Other
 * domains are shown as "not checked", with a link the reader may choose to open.
 */

/** Where a check stands: 'verified', 'mismatch' (the domain names another key or none), 'unreachable', or 'foreign'. */
export type Nip05State = 'checking' | 'verified' | 'mismatch' | 'unreachable' | 'foreign';

const results = new Map<string, Nip05State>();

/** Bumps when a check ends. */
export const nip05Tick = createStore(0);

/** True when the identifier lives on this node's own origin (the only one checked without asking). */
export function isOwnOrigin(id: Nip05Id): boolean {
  return id.domain === location.host;
}

/** The state of `nip05` for `pubkey`, starting a same-origin check the first time it is asked. */
export function nip05State(nip05: string, pubkey: string): Nip05State | undefined {
  const id = parseNip05(nip05);
  if (!id) return undefined;
  if (!isOwnOrigin(id)) return 'foreign';
  const key = `${id.name}@${id.domain} ${pubkey}`;
  const held = results.get(key);
  if (held) return held;
  results.set(key, 'checking');
  void check(id, pubkey).then((state) => {
    results.set(key, state);
    nip05Tick.set((n) => n + 1);
  });
  return 'checking';
}

async function check(id: Nip05Id, pubkey: string): Promise<Nip05State> {
  try {
    // A path on our own origin: no host, no third party. Redirects elsewhere are refused (NIP-05).
    const res = await fetch(`/.well-known/nostr.json?name=${encodeURIComponent(id.name)}`, {
      redirect: 'error',
      credentials: 'omit',
      headers: { accept: 'application/json' },
    });
    if (!res.ok) return 'mismatch';
    return nip05Proves(await res.json(), id.name, pubkey) ? 'verified' : 'mismatch';
  } catch {
    return 'unreachable';
  }
}

/** Forgets every check (lock, wipe). */
export function forgetNip05(): void {
  results.clear();
}
