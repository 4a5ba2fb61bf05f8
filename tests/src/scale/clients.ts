import type { NostrEvent } from '@lifeline/nostr';
import { RawClient, type TestKeys, signed, sleep } from '@lifeline/testkit';

/** Connects, retrying while nothing answers (a worker being replaced), for up to `timeoutMs`. */
export async function connectRetrying(url: string, timeoutMs = 10_000): Promise<RawClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await RawClient.connect(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

/** The client's local TCP port (how /proc tells which process holds its server side). */
export const localPort = (c: RawClient): number =>
  (c.ws as unknown as { _socket: { localPort: number } })._socket.localPort;

/**
 * A subscriber as a real client behaves: it keeps every event it is sent, and when its connection
 * drops it connects again and resubscribes with `since` a margin before the newest event it saw.
 */
export class Subscriber {
  readonly seen = new Map<string, NostrEvent>();
  /** Frames other than EVENT and EOSE (a CLOSED or NOTICE would explain a gap). */
  readonly other: unknown[][] = [];
  /** The `since` of each resubscription. */
  readonly resubscribedSince: number[] = [];
  reconnects = 0;
  client!: RawClient;
  #newest = 0;
  #stopped = false;

  constructor(
    readonly url: string,
    readonly filter: { kinds?: number[]; authors?: string[]; since: number },
    /** How far before the newest event seen a resubscription starts (seconds). */
    readonly marginSeconds = 30,
  ) {}

  /** Connects and subscribes; resolves at EOSE. */
  async start(): Promise<void> {
    await this.#subscribe(this.filter.since);
  }

  async #subscribe(since: number): Promise<void> {
    const client = await connectRetrying(this.url);
    this.client = client;
    client.ws.on('message', () => this.#collect(client));
    client.ws.on('close', () => {
      if (this.#stopped) return;
      this.reconnects++;
      const since = Math.max(this.filter.since, this.#newest - this.marginSeconds);
      this.resubscribedSince.push(since);
      void this.#subscribe(since).catch(() => undefined);
    });
    client.send(['REQ', 'live', { ...this.filter, since }]);
    await client.next((m) => m[0] === 'EOSE');
    this.#collect(client);
  }

  #collect(client: RawClient): void {
    for (let i = client.received.length - 1; i >= 0; i--) {
      const m = client.received[i]!;
      if (m[0] !== 'EVENT') {
        if (m[0] !== 'EOSE' && m[0] !== 'AUTH') this.other.push(client.received.splice(i, 1)[0]!);
        continue;
      }
      client.received.splice(i, 1);
      const event = m[2] as NostrEvent;
      this.seen.set(event.id, event);
      this.#newest = Math.max(this.#newest, event.created_at);
    }
  }

  /** Stops reconnecting and closes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.client.close();
  }
}

/**
 * A publisher under load: signs notes one after another (a few in flight), keeps the ids the
 * relay acknowledged with OK true, and after a dropped connection connects again and goes on with
 * new notes; a note in flight when its connection dropped is neither acknowledged nor retried.
 */
export class Publisher {
  readonly acked = new Set<string>();
  /** Every note sent, by id. */
  readonly sent: NostrEvent[] = [];
  readonly unanswered = new Set<string>();
  readonly refused: string[] = [];
  reconnects = 0;
  client!: RawClient;
  #stopped = false;
  #running: Promise<void> | undefined;

  constructor(
    readonly url: string,
    readonly author: TestKeys,
    /** created_at of the n-th note: strictly increasing per publisher. */
    readonly createdAt: (n: number) => number,
    readonly inFlight = 4,
  ) {}

  /** Connects and starts publishing until `stop()`. */
  async start(): Promise<void> {
    this.client = await connectRetrying(this.url);
    this.#running = this.#loop();
  }

  async #loop(): Promise<void> {
    let n = 0;
    while (!this.#stopped) {
      const batch: NostrEvent[] = [];
      for (let i = 0; i < this.inFlight; i++)
        batch.push(signed(this.author, { created_at: this.createdAt(n++), content: `load ${n}` }));
      const client = this.client;
      this.sent.push(...batch);
      for (const e of batch) client.send(['EVENT', e]);
      for (const e of batch) {
        try {
          const ok = await client.ok(e.id, 15_000);
          if (ok[2] === true) this.acked.add(e.id);
          else this.refused.push(String(ok[3]));
        } catch {
          this.unanswered.add(e.id);
        }
      }
      if (client.closed && !this.#stopped) {
        this.reconnects++;
        this.client = await connectRetrying(this.url);
      }
    }
  }

  /** Stops after the notes in flight are answered, and closes. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.#running;
    await this.client.close();
  }
}
