import {
  DELETION_KIND,
  DESK_LIST_KIND,
  type Filter,
  REPORT_KIND,
  VANISH_KIND,
  type DeskList,
  type NostrEvent,
} from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import {
  DESK_NAMESPACES,
  NO_CAMPAIGNS,
  accountLabels,
  accountSignals,
  computeClaim,
  deskNamespace,
  parseDeskLabel,
  type AccountView,
  type CampaignSignals,
  type ClaimLabel,
  type ClaimView,
  type DeskLabel,
} from '@lifeline/verify-desk';

/** Most desk labels and reports read at start (newest first); older ones are history beyond the window. */
const LOAD_LIMIT = 100_000;
/** Events per page of the start-up read. */
const PAGE = 2000;
/** Most sources non-members may suggest on one claim; independence compares sources pairwise. */
export const MAX_SOURCES_PER_CLAIM = 100;

type SourceEvent = Pick<NostrEvent, 'id' | 'pubkey' | 'kind' | 'tags' | 'content' | 'created_at'>;

/**
 * Every desk label, claim, report and source event the node holds, in memory, kept current from
 * committed events (relay.onStored). It answers synchronously, so the relay's policies can check a
 * Confirmed label against the rule before it is stored, and recomputes a claim only when asked.
 */
export class DeskBook {
  readonly labels = new Map<string, DeskLabel>();
  readonly claims = new Map<string, ClaimLabel>();
  readonly #byClaim = new Map<string, DeskLabel[]>();
  readonly #claimsByTarget = new Map<string, string[]>();
  readonly reports = new Map<string, NostrEvent>();
  readonly #events = new Map<string, SourceEvent>();
  /** Ids some label points at whose event is not held yet. */
  readonly #wanted = new Set<string>();
  /** Wanted ids not looked up in the store yet. */
  #toFetch = new Set<string>();
  /** Ids being read from the store right now. */
  readonly #reading = new Set<string>();
  #campaigns: CampaignSignals = NO_CAMPAIGNS;
  #accounts = new Map<string, Map<string, AccountView>>();
  #fetching: Promise<void> = Promise.resolve();
  #version = 0;
  /** Computed claims, valid while `version` stays where it was when they were computed. */
  #views = new Map<string, ClaimView>();
  #viewsVersion = -1;
  #changedAt = 0;

  constructor(private readonly store: Pick<EventStore, 'query'>) {}

  /** Reads every desk label and report from the store, then the events they point at. */
  async load(): Promise<void> {
    const labels = await this.#readAll({ kinds: [1985], '#L': [...DESK_NAMESPACES] });
    for (const event of labels.reverse()) this.#addLabel(event);
    for (const event of await this.#readAll({ kinds: [REPORT_KIND] })) this.reports.set(event.id, event);
    await this.#fetchWanted();
  }

  /**
   * Reads up to LOAD_LIMIT events of a filter, newest first, page by page: one query's answer is
   * capped in bytes by the store, so a single large query would silently return only the newest.
   */
  async #readAll(filter: Filter): Promise<NostrEvent[]> {
    const out: NostrEvent[] = [];
    const seen = new Set<string>();
    let until: number | undefined;
    while (out.length < LOAD_LIMIT) {
      const page = await this.store.query([{ ...filter, limit: PAGE, ...(until === undefined ? {} : { until }) }], {
        maxLimit: PAGE,
      });
      let fresh = 0;
      for (const { event } of page)
        if (!seen.has(event.id)) {
          seen.add(event.id);
          out.push(event);
          fresh++;
        }
      if (!fresh) break;
      // `until` is inclusive: the oldest second is read again and its events skipped by id.
      until = page[page.length - 1]!.event.created_at;
      if (page.length < PAGE && fresh === page.length) break;
    }
    return out;
  }

  /** Lets coordinated-campaign and impostor detection (desk-signals) feed independence. */
  useCampaigns(signals: CampaignSignals): void {
    this.#campaigns = signals;
    this.#touch();
  }

  /** Tells the book that cluster or impostor answers changed, so cached pages re-read claim states. */
  campaignsChanged(): void {
    this.#touch();
  }

  /** Grows whenever anything a claim is computed from may have changed (render caches key on it). */
  get version(): number {
    return this.#version;
  }

  /** When `version` last grew, unix seconds (Last-Modified of pages that show claim states). */
  get changedAt(): number {
    return this.#changedAt;
  }

  #touch() {
    this.#version++;
    this.#changedAt = Math.floor(Date.now() / 1000);
  }

  /** Takes in a committed event. */
  observe(event: NostrEvent): void {
    const before = this.#version;
    this.#observe(event);
    if (
      this.#version === before &&
      (event.kind === DESK_LIST_KIND || event.kind === DELETION_KIND || event.kind === VANISH_KIND)
    )
      this.#touch();
  }

  #observe(event: NostrEvent): void {
    if (this.#wanted.delete(event.id)) {
      this.#events.set(event.id, event);
      this.#touch();
    }
    if (deskNamespace(event)) {
      this.#addLabel(event);
      if (this.#toFetch.size) this.#fetching = this.#fetching.then(() => this.#fetchWanted()).catch(() => undefined);
    } else if (event.kind === REPORT_KIND) {
      this.reports.set(event.id, event);
      this.#touch();
    } else if (event.kind === DELETION_KIND) {
      for (const t of event.tags) if (t[0] === 'e' && t[1]) this.#forget(t[1], event.pubkey);
    } else if (event.kind === VANISH_KIND) {
      for (const [id, l] of this.labels) if (l.by === event.pubkey) this.#forget(id, event.pubkey);
      for (const [id, e] of this.#events) if (e.pubkey === event.pubkey) this.#events.delete(id);
    }
  }

  /** Settles when events referenced so far have been looked up. */
  settled(): Promise<void> {
    return this.#fetching;
  }

  /** Labels (states and sources) naming a claim. */
  labelsOf(claim: string): readonly DeskLabel[] {
    return this.#byClaim.get(claim) ?? [];
  }

  /** Claims opened on an event. */
  claimsOn(target: string): readonly string[] {
    return this.#claimsByTarget.get(target) ?? [];
  }

  /** A held event (claim targets and sources). */
  event(id: string): SourceEvent | undefined {
    return this.#events.get(id);
  }

  /** The current account labels as `desk`'s members set them (cached until a label or member changes). */
  accounts(desk: DeskList): Map<string, AccountView> {
    const key = `${desk.address.owner}:${desk.address.d}:${desk.updatedAt}`;
    let map = this.#accounts.get(key);
    if (!map) {
      map = accountLabels(this.labels.values(), (p) => desk.members.has(p));
      this.#accounts.set(key, map);
    }
    return map;
  }

  /** A claim computed for one desk; `extra` is a label not yet stored (the policy's question). */
  compute(claim: ClaimLabel, desk: DeskList, extra?: DeskLabel): ClaimView {
    if (this.#viewsVersion !== this.#version) {
      this.#views.clear();
      this.#viewsVersion = this.#version;
    }
    const key = `${claim.id}|${desk.address.owner}|${desk.address.d}|${desk.updatedAt}`;
    const cached = extra ? undefined : this.#views.get(key);
    if (cached) return cached;
    const accounts = this.accounts(desk);
    const view = computeClaim({
      claim,
      labels: extra ? [...this.labelsOf(claim.id), extra] : this.labelsOf(claim.id),
      events: this.#events,
      isMember: (p) => desk.members.has(p),
      policy: { minSources: desk.minSources, primaryConfirms: desk.primaryConfirms },
      customStates: desk.states.map((s) => s.value),
      signals: accountSignals((p) => accounts.get(p)?.label, this.#campaigns),
    });
    if (!extra) this.#views.set(key, view);
    return view;
  }

  #want(id: string) {
    if (this.#events.has(id) || this.#wanted.has(id)) return;
    this.#wanted.add(id);
    this.#toFetch.add(id);
  }

  #addLabel(event: NostrEvent) {
    const parsed = parseDeskLabel(event);
    if (!parsed.ok || this.labels.has(event.id)) return;
    const l = parsed.label;
    this.labels.set(l.id, l);
    this.#touch();
    if (l.type === 'account') this.#accounts.clear();
    if (l.type === 'claim') {
      this.claims.set(l.id, l);
      this.#claimsByTarget.set(l.target, [...(this.#claimsByTarget.get(l.target) ?? []), l.id]);
      this.#want(l.target);
    } else if (l.type === 'state' || l.type === 'source') {
      this.#byClaim.set(l.claim, [...(this.#byClaim.get(l.claim) ?? []), l]);
      if (l.type === 'source' && l.target.type === 'event') this.#want(l.target.id);
    }
  }

  /** Drops a label, report or source event its author deleted. */
  #forget(id: string, by: string) {
    const l = this.labels.get(id);
    if (l && l.by === by) {
      this.labels.delete(id);
      if (l.type === 'account') this.#accounts.clear();
      if (l.type === 'claim') {
        this.claims.delete(id);
        const rest = (this.#claimsByTarget.get(l.target) ?? []).filter((c) => c !== id);
        this.#claimsByTarget.set(l.target, rest);
      } else if (l.type === 'state' || l.type === 'source')
        this.#byClaim.set(
          l.claim,
          (this.#byClaim.get(l.claim) ?? []).filter((x) => x.id !== id),
        );
    }
    if (this.reports.get(id)?.pubkey === by) this.reports.delete(id);
    if (this.#events.get(id)?.pubkey === by) this.#events.delete(id);
  }

  async #fetchWanted() {
    const ids = [...this.#toFetch];
    this.#toFetch = new Set();
    for (const id of ids) this.#reading.add(id);
    try {
      for (let i = 0; i < ids.length; i += 500) {
        const found = await this.store.query([{ ids: ids.slice(i, i + 500) }], { maxLimit: 500 });
        for (const { event } of found)
          if (this.#wanted.delete(event.id)) {
            this.#events.set(event.id, event);
            this.#touch();
          }
      }
    } finally {
      for (const id of ids) this.#reading.delete(id);
    }
  }

  /** True while an event one of the claim's labels names is still being read from the store. */
  reading(claim: ClaimLabel): boolean {
    if (this.#toFetch.has(claim.target) || this.#reading.has(claim.target)) return true;
    for (const l of this.labelsOf(claim.id))
      if (
        l.type === 'source' &&
        l.target.type === 'event' &&
        (this.#toFetch.has(l.target.id) || this.#reading.has(l.target.id))
      )
        return true;
    return false;
  }
}
