import { nowSeconds, type Filter, type NostrEvent } from '@lifeline/nostr';
import { RelayLink } from './relay-link.js';
import { publishPatiently, type SyncSide } from './side.js';
import { syncWithRelay, type Direction, type SyncReport } from './sync.js';

/** What a running mirror reports, for logs and tests. */
export interface MirrorEvents {
  onSynced?(url: string, report: SyncReport): void;
  onError?(url: string, message: string): void;
}

/** How one peer is mirrored. */
export interface MirrorOptions extends MirrorEvents {
  url: string;
  side: SyncSide;
  filter: Filter;
  direction: Direction;
  /** Calls the listener after each event our side committed; returns an unsubscribe. */
  onLocalStored(listener: (event: NostrEvent) => void): () => void;
  /** First reconnect delay (doubles up to `maxBackoffMs`, default 10 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Continuous mirroring of one peer: connect, subscribe to its new events (before reconciling, so
 * nothing falls in the gap), reconcile the stored sets, then follow live both ways as configured.
 * When the link drops it reconnects with backoff and reconciles again, so a peer that was down
 * catches up. Everything received enters through our side's way in (`addEvent`, source `sync`).
 */
export class Mirror {
  readonly url: string;
  #stopped = false;
  #link: RelayLink | undefined;
  #loop: Promise<void>;
  #wake: () => void = () => {};
  /** Completed reconciliations since start. */
  syncs = 0;

  constructor(private readonly options: MirrorOptions) {
    this.url = options.url;
    this.#loop = this.#run();
  }

  async #run(): Promise<void> {
    const base = this.options.backoffMs ?? 1000;
    let backoff = base;
    while (!this.#stopped) {
      try {
        await this.#session();
        backoff = base;
      } catch (err) {
        this.options.onError?.(this.url, (err as Error).message);
      }
      if (this.#stopped) break;
      // The wait ends early on stop, so shutting the node down never waits out a backoff.
      await new Promise<void>((r) => {
        const timer = setTimeout(r, backoff);
        timer.unref();
        this.#wake = () => {
          clearTimeout(timer);
          r();
        };
      });
      backoff = Math.min(backoff * 2, this.options.maxBackoffMs ?? 10_000);
    }
  }

  /** One connection's life: live follow, reconcile, then wait for the link to drop. */
  async #session(): Promise<void> {
    const { side, filter, direction } = this.options;
    const link = (this.#link = await RelayLink.open(this.url));
    if (this.#stopped) return link.close();
    const unsubscribe: Array<() => void> = [];
    // Ids this link just gave us: not worth sending back when they commit.
    const received = new Set<string>();
    try {
      if (direction !== 'up') {
        const subId = link.subId('live');
        link.listen(subId, (frame) => {
          if (frame[0] !== 'EVENT') return;
          const event = frame[2] as NostrEvent;
          if (received.size < 10_000) received.add(event.id);
          void side.add(event);
        });
        const { limit: _limit, ...live } = filter;
        link.send(JSON.stringify(['REQ', subId, { ...live, since: nowSeconds() - 1, limit: 0 }]));
      }
      if (direction !== 'down') {
        // Ours, new: sent as they commit (the peer answers duplicate for one it just sent us).
        unsubscribe.push(
          this.options.onLocalStored((event) => {
            if (received.delete(event.id) || link.closed) return;
            void publishPatiently(link, event);
          }),
        );
      }
      const report = await syncWithRelay(side, link, { filter, direction });
      this.syncs++;
      this.options.onSynced?.(this.url, report);
      await link.whenClosed();
    } finally {
      for (const u of unsubscribe) u();
      link.close();
    }
  }

  /** Stops mirroring and closes the link. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#link?.close();
    this.#wake();
    await this.#loop;
  }
}
