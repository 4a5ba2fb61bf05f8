import { decode } from 'nostr-tools/nip19';
import { useEffect, useState } from 'preact/hooks';
import { isHex64 } from '@lifeline/nostr';

/** A parsed hash route: `#/thread/<id>` → { name: 'thread', arg: '<id>' }. */
export interface Route {
  name:
    | 'home'
    | 'everyone'
    | 'thread'
    | 'profile'
    | 'tag'
    | 'search'
    | 'notifications'
    | 'settings'
    | 'live'
    | 'live-edit'
    | 'intake'
    | 'ratings'
    | 'claim'
    | 'desk'
    | 'admin';
  arg: string;
  /** Second path part (live-blog d; a profile's followers/following list). */
  arg2?: string;
}

/** Parses `location.hash`. The node serves only `/`, so every screen lives in the hash. */
function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean);
  const arg = decodeURIComponent(parts[1] ?? '');
  switch (parts[0]) {
    case 'everyone':
      return { name: 'everyone', arg: '' };
    case 'thread':
      return { name: 'thread', arg: routeEventId(arg) ?? arg };
    case 'p':
      // `#/p/<npub>/followers` and `…/following` list accounts on the profile screen.
      return parts[2] ? { name: 'profile', arg, arg2: parts[2] } : { name: 'profile', arg };
    case 't':
      return { name: 'tag', arg };
    case 'search':
      return { name: 'search', arg: new URLSearchParams(query).get('q') ?? '' };
    case 'notifications':
      return { name: 'notifications', arg: '' };
    case 'settings':
      return { name: 'settings', arg: '' };
    case 'intake':
      return { name: 'intake', arg: '' };
    case 'ratings':
      return { name: 'ratings', arg: '' };
    case 'live':
      return parts[1] && parts[2]
        ? { name: 'live-edit', arg, arg2: decodeURIComponent(parts[2]) }
        : { name: 'live', arg: '' };
    case 'claim':
      return { name: 'claim', arg };
    case 'desk':
      return { name: 'desk', arg: '' };
    case 'admin':
      return { name: 'admin', arg: '' };
    default:
      return { name: 'home', arg: '' };
  }
}

/** The hex key named in a route (`#/p/<npub>`, `#/live/<npub>/…`): an npub, an nprofile or 64 hex digits. */
export function routePubkey(arg: string): string | undefined {
  try {
    const d = decode(arg);
    if (d.type === 'npub') return d.data;
    if (d.type === 'nprofile') return d.data.pubkey;
  } catch {
    // not bech32
  }
  return isHex64(arg) ? arg : undefined;
}

/** The hex id named in a thread route: note1…, nevent1… or 64 hex digits (NIP-19). */
export function routeEventId(arg: string): string | undefined {
  try {
    const d = decode(arg);
    if (d.type === 'note') return d.data;
    if (d.type === 'nevent') return d.data.id;
  } catch {
    // not bech32
  }
  return isHex64(arg) ? arg : undefined;
}

/** Hash links for each screen. */
export const href = {
  home: () => '#/home',
  everyone: () => '#/everyone',
  thread: (id: string) => `#/thread/${id}`,
  profile: (npub: string) => `#/p/${npub}`,
  tag: (tag: string) => `#/t/${encodeURIComponent(tag)}`,
  search: (q: string) => `#/search?q=${encodeURIComponent(q)}`,
  notifications: () => '#/notifications',
  settings: () => '#/settings',
  live: () => '#/live',
  intake: () => '#/intake',
  ratings: () => '#/ratings',
  claim: (id: string) => `#/claim/${id}`,
  desk: () => '#/desk',
  admin: () => '#/admin',
};

/** The current route, re-rendering on hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => {
      setRoute(parseHash(location.hash));
      window.scrollTo(0, 0);
    };
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}
