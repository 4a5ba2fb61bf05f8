import WebSocket from 'ws';
import type { NostrEvent } from '@lifeline/nostr';

/** A bare WebSocket client that records every frame, for tests that speak the wire protocol directly. */
export class RawClient {
  readonly received: unknown[][] = [];
  closed = false;
  closeCode: number | undefined;
  #waiters: Array<() => void> = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      try {
        this.received.push(JSON.parse(data.toString()) as unknown[]);
      } catch {
        this.received.push(['<unparseable>', data.toString()]);
      }
      this.#wake();
    });
    ws.on('close', (code) => {
      this.closed = true;
      this.closeCode = code;
      this.#wake();
    });
    ws.on('error', () => {});
  }

  /** Opens a connection and waits until it is ready. */
  static async connect(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Sends a JSON message (or a raw string as-is). */
  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** Waits for (and removes) the first received frame matching `pred`. */
  async next(pred: (m: unknown[]) => boolean = () => true, timeoutMs = 5000): Promise<unknown[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.received.findIndex(pred);
      if (i >= 0) return this.received.splice(i, 1)[0]!;
      if (this.closed) throw new Error('connection closed while waiting');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; received: ${JSON.stringify(this.received).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /** Waits for the OK answering event `id`. */
  ok(id: string, timeoutMs?: number): Promise<unknown[]> {
    return this.next((m) => m[0] === 'OK' && m[1] === id, timeoutMs);
  }

  /** Sends an EVENT and returns the OK that answers it. */
  publish(event: { id: string }, timeoutMs?: number): Promise<unknown[]> {
    this.send(['EVENT', event]);
    return this.ok(event.id, timeoutMs);
  }

  /** Sends a REQ and collects its stored events up to EOSE (or the CLOSED that refused it). */
  async req(subId: string, ...filters: object[]): Promise<{ events: NostrEvent[]; closed?: string }> {
    this.send(['REQ', subId, ...filters]);
    const events: NostrEvent[] = [];
    for (;;) {
      const m = await this.next((x) => (x[0] === 'EVENT' || x[0] === 'EOSE' || x[0] === 'CLOSED') && x[1] === subId);
      if (m[0] === 'EOSE') return { events };
      if (m[0] === 'CLOSED') return { events, closed: m[2] as string };
      events.push(m[2] as NostrEvent);
    }
  }

  /** Closes the socket and waits for it to be closed. */
  async close(): Promise<void> {
    if (this.closed) return;
    const done = new Promise<void>((r) => this.ws.once('close', () => r()));
    this.ws.close();
    await done;
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }
}
