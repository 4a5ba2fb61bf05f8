import { contentMediaHashes } from './media.js';
import { bandKeys, comparableText, signature, similarity } from './minhash.js';

/*
 * Coordinated-campaign detection, incremental: each post is hashed once (MinHash over shingles of
 * its normalized text), filed under its LSH band keys and its media hashes, and compared only with
 * the recent posts that share a key. Posts whose estimated similarity reaches `threshold` (or that
 * carry the same media hash) join one cluster (union by size). Posts leave the buckets when they
 * are older than `windowMs` or when more than `maxPosts` are held, so memory is bounded; a
 * cluster's summary outlives its posts for `retainMs` (at most `maxClusters` kept). A cluster is
 * reported once `minAccounts` distinct accounts are in it: one account repeating itself is spam,
 * not coordination. Nothing here reads a clock: callers pass the arrival time.
 */

/** A post as the clusterer needs it. */
export interface ClusterPost {
  id: string;
  pubkey: string;
  /** The event's created_at (shown, never trusted for the window). */
  createdAt: number;
  content: string;
  /** Hashes of attached media from tags (imeta `x`); hashes in the content's URLs are added here. */
  media?: string[];
}

/** Tunables; defaults in DEFAULT_CLUSTER_SETTINGS. */
export interface ClusterSettings {
  windowMs: number;
  threshold: number;
  minAccounts: number;
  /** Folded texts shorter than this are not compared ("ok", "+1"); media still are. */
  minTextLength: number;
  maxPosts: number;
  maxClusters: number;
  retainMs: number;
}

/** Ten minutes of posts, 70% estimated Jaccard, five accounts. */
export const DEFAULT_CLUSTER_SETTINGS: ClusterSettings = {
  windowMs: 10 * 60_000,
  threshold: 0.7,
  minAccounts: 5,
  minTextLength: 32,
  maxPosts: 100_000,
  maxClusters: 10_000,
  retainMs: 24 * 3600_000,
};

/** A post kept as one of a cluster's first (its text is read from the store when shown: not held here). */
export interface FirstPost {
  id: string;
  pubkey: string;
  createdAt: number;
}

/** A cluster as the desk sees it. */
export interface ClusterSummary {
  id: number;
  accounts: string[];
  posts: number;
  firstSeen: number;
  lastSeen: number;
  /** Posts per minute between the first and the last (a burst of one minute counts as one minute). */
  perMinute: number;
  firstPosts: FirstPost[];
  /** Set when the cluster was joined by a shared media hash. */
  media: string[];
}

const FIRST_POSTS = 5;
const BUCKET_CAP = 32;
const MAX_CHECKS = 64;
const MAX_MEDIA = 8;

interface Cluster {
  id: number;
  accounts: Map<string, number>;
  posts: number;
  firstSeen: number;
  lastSeen: number;
  firstPosts: FirstPost[];
  media: Set<string>;
  /** Posts still in the window that point at this cluster, for re-pointing on merge. */
  live: Set<Doc>;
  /** How many of `accounts` (in insertion order) were already reported by drainChanges. */
  told: number;
}

/** Bucket keys: LSH bands are numbers, media hashes strings (`m:<sha256>`). */
type Key = number | string;

interface Doc {
  /** What the desk is shown if this post becomes one of a cluster's first. */
  post: FirstPost;
  at: number;
  sig?: Uint32Array;
  keys: Key[];
  cluster?: Cluster;
}

/** The incremental clusterer; one instance owns its memory (run it in a worker). */
export class Clusterer {
  readonly #s: ClusterSettings;
  // A bucket with one post (most of them) holds it directly, without an array.
  readonly #buckets = new Map<Key, Doc | Doc[]>();
  // Evicted slots are cleared at once (so their memory goes), and the array compacted now and then.
  #queue: Array<Doc | undefined> = [];
  #head = 0;
  readonly #clusters = new Map<number, Cluster>();
  readonly #byAccount = new Map<string, Set<Cluster>>();
  #nextId = 1;
  #lastSweep = 0;
  readonly #dirty = new Set<Cluster>();
  #gone: number[] = [];

  constructor(settings: Partial<ClusterSettings> = {}) {
    this.#s = { ...DEFAULT_CLUSTER_SETTINGS, ...settings };
  }

  /** Posts currently held in the window. */
  get held(): number {
    return this.#queue.length - this.#head;
  }

  /** Adds a post that arrived at `now` (ms); returns its cluster id when it joined one. */
  add(post: ClusterPost, now: number): number | undefined {
    this.#evict(now);
    const text = comparableText(post.content);
    const { id, pubkey, createdAt } = post;
    const doc: Doc = { post: { id, pubkey, createdAt }, at: now, keys: [] };
    if (text.length >= this.#s.minTextLength) {
      doc.sig = signature(text);
      doc.keys = bandKeys(doc.sig);
    }
    const media = new Set([...(post.media ?? []), ...contentMediaHashes(post.content)]);
    for (const m of [...media].slice(0, MAX_MEDIA)) doc.keys.push(`m:${m}`);
    if (doc.keys.length === 0) return undefined;
    const matches = this.#matches(doc);
    for (const key of doc.keys) {
      const bucket = this.#buckets.get(key);
      if (!bucket) this.#buckets.set(key, doc);
      else if (!Array.isArray(bucket)) this.#buckets.set(key, [bucket, doc]);
      else {
        bucket.push(doc);
        if (bucket.length > BUCKET_CAP) bucket.shift();
      }
    }
    this.#queue.push(doc);
    for (const other of matches) this.#join(doc, other, now);
    return doc.cluster?.id;
  }

  /** Posts in the window that share a media key or a band key and are similar enough. */
  #matches(doc: Doc): Doc[] {
    const out = new Set<Doc>();
    let checks = 0;
    for (const key of doc.keys) {
      const found = this.#buckets.get(key);
      if (!found) continue;
      const bucket = Array.isArray(found) ? found : [found];
      for (let i = bucket.length - 1; i >= 0 && checks < MAX_CHECKS; i--) {
        const other = bucket[i]!;
        if (out.has(other)) continue;
        // Already in one cluster with a match: comparing again changes nothing.
        if (other.cluster && [...out].some((d) => d.cluster === other.cluster)) continue;
        checks++;
        if (typeof key === 'string' || (doc.sig && other.sig && similarity(doc.sig, other.sig) >= this.#s.threshold))
          out.add(other);
      }
    }
    return [...out];
  }

  #join(doc: Doc, other: Doc, now: number): void {
    if (!other.cluster) this.#attach(other, this.#newCluster(other.at));
    if (!doc.cluster) this.#attach(doc, other.cluster!);
    else if (doc.cluster !== other.cluster) this.#merge(doc.cluster, other.cluster!);
    const c = doc.cluster!;
    c.lastSeen = Math.max(c.lastSeen, now);
    for (const k of doc.keys) if (typeof k === 'string' && other.keys.includes(k)) c.media.add(k.slice(2));
  }

  #newCluster(at: number): Cluster {
    const c: Cluster = {
      id: this.#nextId++,
      accounts: new Map(),
      posts: 0,
      firstSeen: at,
      lastSeen: at,
      firstPosts: [],
      media: new Set(),
      live: new Set(),
      told: 0,
    };
    this.#clusters.set(c.id, c);
    this.#trimClusters();
    return c;
  }

  #attach(doc: Doc, c: Cluster): void {
    doc.cluster = c;
    c.live.add(doc);
    c.posts++;
    c.firstSeen = Math.min(c.firstSeen, doc.at);
    c.lastSeen = Math.max(c.lastSeen, doc.at);
    this.#addAccount(c, doc.post.pubkey, 1);
    if (c.firstPosts.length < FIRST_POSTS) c.firstPosts.push(doc.post);
  }

  #addAccount(c: Cluster, pubkey: string, n: number): void {
    c.accounts.set(pubkey, (c.accounts.get(pubkey) ?? 0) + n);
    this.#dirty.add(c);
    let set = this.#byAccount.get(pubkey);
    if (!set) this.#byAccount.set(pubkey, (set = new Set()));
    set.add(c);
  }

  /** Folds the smaller cluster into the larger; the larger keeps its id. */
  #merge(a: Cluster, b: Cluster): void {
    const [big, small] = a.posts >= b.posts ? [a, b] : [b, a];
    for (const d of small.live) {
      d.cluster = big;
      big.live.add(d);
    }
    for (const [pk, n] of small.accounts) {
      this.#addAccount(big, pk, n);
      this.#byAccount.get(pk)!.delete(small);
    }
    big.posts += small.posts;
    big.firstSeen = Math.min(big.firstSeen, small.firstSeen);
    big.lastSeen = Math.max(big.lastSeen, small.lastSeen);
    big.firstPosts = [...big.firstPosts, ...small.firstPosts]
      .sort((x, y) => x.createdAt - y.createdAt)
      .slice(0, FIRST_POSTS);
    for (const m of small.media) big.media.add(m);
    this.#clusters.delete(small.id);
    this.#dirty.delete(small);
    if (small.told > 0) {
      // The mirror forgets the merged-away id, then learns every account again under big's.
      this.#gone.push(small.id);
      big.told = 0;
      this.#dirty.add(big);
    }
  }

  #evict(now: number): void {
    const cutoff = now - this.#s.windowMs;
    while (this.#head < this.#queue.length) {
      const d = this.#queue[this.#head]!;
      if (d.at >= cutoff && this.held <= this.#s.maxPosts) break;
      this.#queue[this.#head++] = undefined;
      for (const key of d.keys) {
        const bucket = this.#buckets.get(key);
        if (bucket === d) this.#buckets.delete(key);
        else if (Array.isArray(bucket)) {
          const i = bucket.indexOf(d);
          if (i >= 0) bucket.splice(i, 1);
          if (bucket.length === 1) this.#buckets.set(key, bucket[0]!);
        }
      }
      d.cluster?.live.delete(d);
    }
    // Compact the queue now and then instead of shifting it on every eviction.
    if (this.#head > 4096 && this.#head * 2 > this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#head = 0;
    }
    // Old summaries go once a minute, not on every post: a sweep visits every cluster.
    if (now - this.#lastSweep < 60_000) return;
    this.#lastSweep = now;
    for (const c of this.#clusters.values()) {
      if (c.live.size === 0 && c.lastSeen < now - this.#s.retainMs) this.#drop(c);
    }
  }

  #trimClusters(): void {
    if (this.#clusters.size <= this.#s.maxClusters) return;
    // Drop the oldest small ones first; the map iterates in creation order.
    for (const c of this.#clusters.values()) {
      if (this.#clusters.size <= this.#s.maxClusters) break;
      if (c.accounts.size < this.#s.minAccounts) this.#drop(c);
    }
    for (const c of this.#clusters.values()) {
      if (this.#clusters.size <= this.#s.maxClusters) break;
      this.#drop(c);
    }
  }

  #drop(c: Cluster): void {
    this.#dirty.delete(c);
    if (c.told > 0) this.#gone.push(c.id);
    for (const d of c.live) d.cluster = undefined;
    for (const pk of c.accounts.keys()) {
      const set = this.#byAccount.get(pk);
      set?.delete(c);
      if (set?.size === 0) this.#byAccount.delete(pk);
    }
    this.#clusters.delete(c.id);
  }

  #summary(c: Cluster): ClusterSummary {
    const minutes = Math.max(1, (c.lastSeen - c.firstSeen) / 60_000);
    return {
      id: c.id,
      accounts: [...c.accounts.keys()],
      posts: c.posts,
      firstSeen: c.firstSeen,
      lastSeen: c.lastSeen,
      perMinute: Math.round((c.posts / minutes) * 10) / 10,
      firstPosts: c.firstPosts,
      media: [...c.media],
    };
  }

  /** Reported clusters (at least minAccounts accounts), most accounts first, then fastest. */
  clusters(limit = 50): ClusterSummary[] {
    return [...this.#clusters.values()]
      .filter((c) => c.accounts.size >= this.#s.minAccounts)
      .map((c) => this.#summary(c))
      .sort((x, y) => y.accounts.length - x.accounts.length || y.perMinute - x.perMinute)
      .slice(0, limit);
  }

  /**
   * What changed since the last call, for a mirror kept elsewhere (the node's main thread answers
   * "which cluster is this account in" synchronously from it): accounts that joined reported
   * clusters, and clusters that were merged away or dropped (their accounts now answer to the
   * cluster they joined, or to none).
   */
  drainChanges(): { joined: Array<{ cluster: number; pubkeys: string[] }>; gone: number[] } {
    const joined: Array<{ cluster: number; pubkeys: string[] }> = [];
    for (const c of this.#dirty) {
      if (c.accounts.size < this.#s.minAccounts) continue;
      // Accounts are never removed from a live cluster, so the new ones are the tail of the map.
      const pubkeys = [...c.accounts.keys()].slice(c.told);
      c.told = c.accounts.size;
      if (pubkeys.length > 0) joined.push({ cluster: c.id, pubkeys });
    }
    this.#dirty.clear();
    const gone = this.#gone;
    this.#gone = [];
    return { joined, gone };
  }

  /** One reported cluster by id. */
  cluster(id: number): ClusterSummary | undefined {
    const c = this.#clusters.get(id);
    return c && c.accounts.size >= this.#s.minAccounts ? this.#summary(c) : undefined;
  }

  /**
   * The reported clusters holding at least two of these accounts, each with the ones it holds:
   * the desk's independence rule treats accounts in one group as one source.
   */
  sharedClusters(pubkeys: string[]): Array<{ cluster: number; pubkeys: string[] }> {
    const members = new Map<Cluster, string[]>();
    for (const pk of new Set(pubkeys)) {
      for (const c of this.#byAccount.get(pk) ?? []) {
        if (c.accounts.size < this.#s.minAccounts) continue;
        const list = members.get(c) ?? [];
        list.push(pk);
        members.set(c, list);
      }
    }
    return [...members].filter(([, pks]) => pks.length >= 2).map(([c, pks]) => ({ cluster: c.id, pubkeys: pks }));
  }
}
