import { matchFilter, type Filter, type NostrEvent } from '@lifeline/nostr';

/** A live subscription as the index sees it. */
export interface Subscription {
  /** The client's subscription id. */
  readonly id: string;
  readonly filters: readonly Filter[];
  /** Called once per matching event with the event's JSON, serialized once for all subscribers. */
  deliver(event: NostrEvent, json: string): void;
}

interface Entry {
  sub: Subscription;
  filter: Filter;
}

type Bucket<K> = Map<K, Set<Entry>>;

function put<K>(bucket: Bucket<K>, key: K, entry: Entry): void {
  let set = bucket.get(key);
  if (!set) bucket.set(key, (set = new Set()));
  set.add(entry);
}

function drop<K>(bucket: Bucket<K>, key: K, entry: Entry): void {
  const set = bucket.get(key);
  if (!set) return;
  set.delete(entry);
  if (set.size === 0) bucket.delete(key);
}

/**
 * Finds the live subscriptions an event may match without scanning all of them (strfry's
 * approach): each filter is filed under its most selective field only — ids, then authors,
 * then one tag, then kinds — so an event looks up a handful of buckets and every candidate
 * filter is checked exactly once.
 */
export class SubscriptionIndex {
  readonly #byId: Bucket<string> = new Map();
  readonly #byAuthor: Bucket<string> = new Map();
  readonly #byTag: Bucket<string> = new Map();
  readonly #byKind: Bucket<number> = new Map();
  readonly #all = new Set<Entry>();
  readonly #entries = new Map<Subscription, Entry[]>();

  /** Number of live subscriptions. */
  get size(): number {
    return this.#entries.size;
  }

  /** Starts delivering matching events to `sub`. */
  add(sub: Subscription): void {
    const entries = sub.filters.map((filter) => ({ sub, filter }));
    this.#entries.set(sub, entries);
    for (const e of entries) this.#file(e, put);
  }

  /** Stops delivering to `sub`. */
  remove(sub: Subscription): void {
    const entries = this.#entries.get(sub);
    if (!entries) return;
    this.#entries.delete(sub);
    for (const e of entries) this.#file(e, drop);
  }

  /** Delivers `event` once to every subscription with a matching filter. */
  dispatch(event: NostrEvent, json: string): void {
    const seen = new Set<Subscription>();
    const visit = (set: Set<Entry> | undefined): void => {
      if (!set) return;
      for (const { sub, filter } of set) {
        if (seen.has(sub) || !matchFilter(filter, event)) continue;
        seen.add(sub);
        sub.deliver(event, json);
      }
    };
    visit(this.#byId.get(event.id));
    visit(this.#byAuthor.get(event.pubkey));
    visit(this.#byKind.get(event.kind));
    for (const tag of event.tags) {
      const name = tag[0];
      if (name !== undefined && name.length === 1 && tag[1] !== undefined) visit(this.#byTag.get(name + ':' + tag[1]));
    }
    visit(this.#all);
  }

  #file(entry: Entry, op: <K>(bucket: Bucket<K>, key: K, entry: Entry) => void): void {
    const f = entry.filter;
    if (f.ids) for (const id of f.ids) op(this.#byId, id, entry);
    else if (f.authors) for (const a of f.authors) op(this.#byAuthor, a, entry);
    else {
      const tagKey = Object.keys(f).find((k) => k.length === 2 && k[0] === '#') as `#${string}` | undefined;
      const values = tagKey ? f[tagKey] : undefined;
      if (tagKey && values) for (const v of values) op(this.#byTag, tagKey[1] + ':' + v, entry);
      else if (f.kinds) for (const k of f.kinds) op(this.#byKind, k, entry);
      else if (op === put) this.#all.add(entry);
      else this.#all.delete(entry);
    }
  }
}
