import WebSocket from 'ws';
import type { Filter, NostrEvent } from '@lifeline/nostr';

/** Bytes sent and received over one link, as the WebSocket text carried them. */
export interface Traffic {
  up: number;
  down: number;
}

type Listener = (frame: unknown[]) => void;

/**
 * A client connection to one relay, for sync: requests by subscription id, publishing with OK
 * answers, and a byte count each way. Frames for unknown ids go to `onOther` (NOTICE, AUTH).
 */
export class RelayLink {
  readonly traffic: Traffic = { up: 0, down: 0 };
  readonly #ws: WebSocket;
  readonly #subs = new Map<string, Listener>();
  readonly #oks = new Map<string, (ok: boolean, message: string) => void>();
  #closedWaiters: Array<() => void> = [];
  #next = 0;
  closed = false;
  /** Frames not addressed to a request of ours (NOTICE, AUTH, stray ones). */
  onOther: Listener = () => {};

  private constructor(
    ws: WebSocket,
    /** The relay's URL. */
    readonly url: string,
  ) {
    this.#ws = ws;
    ws.on('message', (data) => {
      const text = data.toString();
      this.traffic.down += Buffer.byteLength(text);
      let frame: unknown;
      try {
        frame = JSON.parse(text);
      } catch {
        return;
      }
      if (!Array.isArray(frame)) return;
      if (frame[0] === 'OK' && typeof frame[1] === 'string') {
        const done = this.#oks.get(frame[1]);
        this.#oks.delete(frame[1]);
        done?.(frame[2] === true, String(frame[3] ?? ''));
        return;
      }
      const listener = typeof frame[1] === 'string' ? this.#subs.get(frame[1]) : undefined;
      if (listener && frame[0] !== 'NOTICE' && frame[0] !== 'AUTH') listener(frame);
      else this.onOther(frame);
    });
    ws.on('close', () => this.#gone());
    ws.on('error', () => this.#gone());
  }

  /** Opens a link; rejects when the relay cannot be reached within `timeoutMs`. */
  static open(url: string, timeoutMs = 10_000): Promise<RelayLink> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024, handshakeTimeout: timeoutMs });
      ws.once('open', () => resolve(new RelayLink(ws, url)));
      ws.once('error', (err) => reject(err));
    });
  }

  #gone(): void {
    if (this.closed) return;
    this.closed = true;
    for (const l of this.#subs.values()) l(['CLOSED', '', 'error: connection lost']);
    for (const done of this.#oks.values()) done(false, 'error: connection lost');
    this.#oks.clear();
    for (const w of this.#closedWaiters) w();
  }

  /** Resolves when the connection is gone. */
  whenClosed(): Promise<void> {
    return this.closed ? Promise.resolve() : new Promise((r) => this.#closedWaiters.push(r));
  }

  /** A fresh subscription id. */
  subId(prefix: string): string {
    return `${prefix}${++this.#next}`;
  }

  /** Sends one frame (already JSON). */
  send(text: string): void {
    if (this.closed) return;
    this.traffic.up += Buffer.byteLength(text);
    this.#ws.send(text);
  }

  /** Routes frames carrying `subId` to `listener` until `forget`. */
  listen(subId: string, listener: Listener): void {
    this.#subs.set(subId, listener);
  }

  /** Stops routing `subId`. */
  forget(subId: string): void {
    this.#subs.delete(subId);
  }

  /** Stored events matching the filters, until EOSE (or CLOSED, which rejects). */
  fetch(filters: Filter[], timeoutMs = 60_000): Promise<NostrEvent[]> {
    const subId = this.subId('q');
    return new Promise((resolve, reject) => {
      const events: NostrEvent[] = [];
      const timer = setTimeout(() => finish(new Error('timed out waiting for EOSE')), timeoutMs);
      const finish = (err?: Error) => {
        clearTimeout(timer);
        this.forget(subId);
        if (!this.closed) this.send(JSON.stringify(['CLOSE', subId]));
        if (err) reject(err);
        else resolve(events);
      };
      this.listen(subId, (f) => {
        if (f[0] === 'EVENT') events.push(f[2] as NostrEvent);
        else if (f[0] === 'EOSE') finish();
        else if (f[0] === 'CLOSED') finish(new Error(String(f[2])));
      });
      this.send(JSON.stringify(['REQ', subId, ...filters]));
    });
  }

  /** Publishes an event; resolves with the relay's OK answer. */
  publish(event: NostrEvent, timeoutMs = 30_000): Promise<{ ok: boolean; message: string }> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#oks.delete(event.id);
        resolve({ ok: false, message: 'error: no answer' });
      }, timeoutMs);
      this.#oks.set(event.id, (ok, message) => {
        clearTimeout(timer);
        resolve({ ok, message });
      });
      this.send(JSON.stringify(['EVENT', event]));
    });
  }

  /** Closes the connection. */
  close(): void {
    this.#ws.close();
    this.#gone();
  }
}

/** What a relay's NIP-11 document says about message sizes. */
export interface RelaySizes {
  /** The largest message it accepts (`limitation.max_message_length`). */
  maxMessage?: number;
  /** The largest negentropy message it sends, before hex (Lifeline's `limitation.negentropy_frame_bytes`). */
  negentropyFrame?: number;
}

/** Reads the relay's size limits from its NIP-11 document (same host, over HTTP); {} when it cannot be had in time. */
export async function relaySizes(url: string, timeoutMs = 3000): Promise<RelaySizes> {
  try {
    const http = url.replace(/^ws/, 'http');
    const res = await fetch(http, {
      headers: { accept: 'application/nostr+json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const doc = (await res.json()) as { limitation?: Record<string, unknown> };
    const num = (v: unknown) => (typeof v === 'number' && Number.isSafeInteger(v) && v > 0 ? v : undefined);
    const maxMessage = num(doc.limitation?.max_message_length);
    const negentropyFrame = num(doc.limitation?.negentropy_frame_bytes);
    return { ...(maxMessage ? { maxMessage } : {}), ...(negentropyFrame ? { negentropyFrame } : {}) };
  } catch {
    return {};
  }
}
