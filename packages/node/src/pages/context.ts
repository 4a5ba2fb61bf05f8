import { npubEncode } from 'nostr-tools/nip19';
import { isHex64, type NostrEvent } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import type { EntryRef } from '../desk/entry-claims.js';
import { profileName, type PageContext } from './render.js';
import { pageStrings } from './strings.js';
import type { PagesDeps } from './index.js';

/** Display names of `pubkeys` from their stored kind-0 profiles. */
export async function namesOf(store: EventStore, pubkeys: Iterable<string>): Promise<Map<string, string>> {
  const authors = [...new Set(pubkeys)];
  const found = new Map<string, string>();
  if (authors.length === 0) return found;
  for (const { event } of await store.query([{ kinds: [0], authors }], { maxLimit: authors.length })) {
    const name = profileName(event);
    if (name) found.set(event.pubkey, name);
  }
  return found;
}

/**
 * What rendering `events` needs: names, impostor labels, desk claims, strings of `lang`, and the
 * link maker. The node's routes and the static exporter (which makes links relative) both use it.
 */
export async function pageContext(
  deps: PagesDeps,
  events: readonly NostrEvent[],
  lang: 'en' | 'fa',
  link: (path: string) => string,
): Promise<PageContext> {
  const pubkeys = new Set<string>();
  const posts: EntryRef[] = [];
  for (const e of events) {
    pubkeys.add(e.pubkey);
    posts.push({ id: e.id, embeds: [] });
    if (e.kind === 6) {
      try {
        const inner = JSON.parse(e.content) as { pubkey?: unknown; id?: unknown };
        if (typeof inner.pubkey === 'string' && isHex64(inner.pubkey)) pubkeys.add(inner.pubkey);
        if (typeof inner.id === 'string' && isHex64(inner.id)) posts.push({ id: inner.id, embeds: [] });
      } catch {
        // shown as fabricated
      }
    }
  }
  const s = pageStrings(lang);
  const labels = new Map<string, string>();
  for (const pk of pubkeys) {
    const imitated = deps.impostorOf?.(pk);
    if (imitated) labels.set(pk, s.impostor(`${npubEncode(imitated).slice(0, 14)}…`));
  }
  return {
    lang,
    s,
    names: await namesOf(deps.store, pubkeys),
    labels,
    ...(deps.claims && posts.length ? { claims: deps.claims(posts, lang).states } : {}),
    link,
  };
}
