import { compileFilter, type Filter, type Matcher, type NostrEvent } from '@lifeline/nostr';

/** An accepted event on its way out: serialized once, and encoded to UTF-8 once, for every subscriber. */
export class Outgoing {
  #bytes: Buffer | undefined;
  constructor(
    readonly event: NostrEvent,
    readonly json: string,
  ) {}

  /** The JSON's UTF-8 bytes, encoded on first use (an event nobody subscribed to is never encoded). */
  get bytes(): Buffer {
    return (this.#bytes ??= Buffer.from(this.json));
  }
}

/** A live subscription as the index sees it. */
export interface Subscription {
  /** The client's subscription id. */
  readonly id: string;
  readonly filters: readonly Filter[];
  /** Called once per matching event. */
  deliver(out: Outgoing): void;
}

interface Entry {
  sub: Subscription;
  filter: Filter;
  match: Matcher;
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
    const entries = sub.filters.map((filter) => {
      // The bucket an event is found through already guarantees that field: test only the rest.
      const rest: Filter = { ...filter };
      const field = indexedField(filter);
      if (field) delete rest[field];
      return { sub, filter, match: compileFilter(rest) };
    });
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

  /** Delivers the event once to every subscription with a matching filter. */
  dispatch(out: Outgoing): void {
    const { event } = out;
    const seen = new Set<Subscription>();
    const visit = (set: Set<Entry> | undefined): void => {
      if (!set) return;
      for (const { sub, match } of set) {
        if (seen.has(sub) || !match(event)) continue;
        seen.add(sub);
        sub.deliver(out);
      }
    };
    visit(this.#byId.get(event.id));
    visit(this.#byAuthor.get(event.pubkey));
    visit(this.#byKind.get(event.kind));
    for (const tag of event.tags) {
      const name = tag[0];
      if (name !== undefined && name.length === 1 && tag[1] !== undefined) visit(this.#byTag.get(`${name}:${tag[1]}`));
    }
    visit(this.#all);
  }

  #file(entry: Entry, op: <K>(bucket: Bucket<K>, key: K, entry: Entry) => void): void {
    const f = entry.filter;
    const field = indexedField(f);
    if (field === 'ids') for (const id of f.ids!) op(this.#byId, id, entry);
    else if (field === 'authors') for (const a of f.authors!) op(this.#byAuthor, a, entry);
    else if (field === 'kinds') for (const k of f.kinds!) op(this.#byKind, k, entry);
    else if (field !== undefined) for (const v of f[field]!) op(this.#byTag, `${field[1]}:${v}`, entry);
    else if (op === put) this.#all.add(entry);
    else this.#all.delete(entry);
  }
}

/** The field a filter is filed under: the most selective one it has (ids, authors, one tag, kinds). */
function indexedField(f: Filter): 'ids' | 'authors' | 'kinds' | `#${string}` | undefined {
  if (f.ids) return 'ids';
  if (f.authors) return 'authors';
  const tag = Object.keys(f).find((k) => k.length === 2 && k[0] === '#' && f[k as `#${string}`]) as
    | `#${string}`
    | undefined;
  if (tag) return tag;
  return f.kinds ? 'kinds' : undefined;
}
