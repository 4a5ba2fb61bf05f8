import { ENTRY_KIND, LIVE_EVENT_KIND } from '@lifeline/liveblog';
import { normalizeHashtag, type NostrEvent } from '@lifeline/nostr';
import type { StaticFile } from '../http/static-files.js';

/**
 * What a page depends on, as keys an incoming event can name: `pk:<pubkey>` (its author's posts,
 * profile, deletions, vanish), `id:<id>` (that event, replies to it, claims on it), and topics:
 * `timeline`, `search`, `live`, `t:<folded tag>`.
 */
export type PageDep = string;

/** The keys of the pages an event touches once stored (see PageDep). */
export function touchedBy(event: NostrEvent): PageDep[] {
  const keys = [`pk:${event.pubkey}`, `id:${event.id}`];
  if (event.kind === 1 || event.kind === 6) keys.push('timeline', 'search');
  if (event.kind === LIVE_EVENT_KIND || event.kind === ENTRY_KIND) keys.push('live');
  for (const [name, value] of event.tags) {
    if (value === undefined) continue;
    if (name === 'e') keys.push(`id:${value}`);
    else if (name === 't') keys.push(`t:${normalizeHashtag(value)}`);
  }
  return keys;
}

/** The keys a page showing these events depends on, beyond its topics. */
export function depsOfEvents(events: readonly NostrEvent[]): PageDep[] {
  const keys: PageDep[] = [];
  for (const e of events) keys.push(`pk:${e.pubkey}`, `id:${e.id}`);
  return keys;
}

interface Entry {
  file: StaticFile;
  deps: PageDep[];
  bytes: number;
  expires: number;
}

/**
 * Rendered pages and feeds (with their compressed forms), least recently used first out once
 * their bytes pass `maxBytes`. An entry goes when an event touching one of its keys is stored
 * (`invalidate`), and after `ttlMs` in any case: expiry (NIP-40), operator removals and the
 * impostor index change pages without an event naming them.
 */
export class PageCache {
  readonly #entries = new Map<string, Entry>();
  readonly #pagesOf = new Map<PageDep, Set<string>>();
  #bytes = 0;
  #generation = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Bytes held. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Pages held. */
  get size(): number {
    return this.#entries.size;
  }

  /** Counts invalidations: a render that saw it change may hold stale data and is not kept. */
  get generation(): number {
    return this.#generation;
  }

  /** The cached page, freshly used; undefined when absent or expired. */
  get(key: string): StaticFile | undefined {
    const e = this.#entries.get(key);
    if (!e) return undefined;
    if (e.expires <= this.now()) {
      this.#drop(key);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, e);
    return e.file;
  }

  /** Keeps a page rendered since `generation`, unless an invalidation happened meanwhile. */
  set(key: string, file: StaticFile, deps: readonly PageDep[], generation: number): void {
    if (generation !== this.#generation) return;
    const bytes = file.body.length + (file.br?.length ?? 0) + (file.gzip?.length ?? 0) + 64 * deps.length + 256;
    if (bytes > this.maxBytes / 8) return;
    this.#drop(key);
    const unique = [...new Set(deps)];
    this.#entries.set(key, { file, deps: unique, bytes, expires: this.now() + this.ttlMs });
    this.#bytes += bytes;
    for (const d of unique) {
      let pages = this.#pagesOf.get(d);
      if (!pages) this.#pagesOf.set(d, (pages = new Set()));
      pages.add(key);
    }
    for (const oldest of this.#entries.keys()) {
      if (this.#bytes <= this.maxBytes) break;
      this.#drop(oldest);
    }
  }

  /** Drops every page the stored event touches. */
  invalidate(event: NostrEvent): void {
    this.#generation++;
    for (const d of touchedBy(event)) {
      const pages = this.#pagesOf.get(d);
      if (pages) for (const key of [...pages]) this.#drop(key);
    }
  }

  #drop(key: string): void {
    const e = this.#entries.get(key);
    if (!e) return;
    this.#entries.delete(key);
    this.#bytes -= e.bytes;
    for (const d of e.deps) {
      const pages = this.#pagesOf.get(d);
      if (!pages) continue;
      pages.delete(key);
      if (pages.size === 0) this.#pagesOf.delete(d);
    }
  }
}
