import WebSocket from 'ws';
import type { NostrEvent } from '@lifeline/nostr';

/** One relay's answer to a published event. */
export interface PublishResult {
  relay: string;
  ok: boolean;
  message: string;
}

/**
 * Sends an event to one relay and waits for its NIP-01 OK. Every failure (refused connection,
 * timeout, closed socket) becomes a result rather than an exception, so one bad relay never
 * stops the others.
 */
export function publishTo(relay: string, event: NostrEvent, timeoutMs = 10_000): Promise<PublishResult> {
  return new Promise((resolve) => {
    let ws: WebSocket;
    const finish = (ok: boolean, message: string) => {
      clearTimeout(timer);
      ws?.removeAllListeners();
      ws?.on('error', () => {});
      ws?.terminate();
      resolve({ relay, ok, message });
    };
    const timer = setTimeout(() => finish(false, `no answer within ${timeoutMs / 1000} s`), timeoutMs);
    try {
      ws = new WebSocket(relay, { handshakeTimeout: timeoutMs });
    } catch (err) {
      finish(false, `bad relay URL: ${(err as Error).message}`);
      return;
    }
    ws.on('open', () => ws.send(JSON.stringify(['EVENT', event])));
    ws.on('message', (data) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (Array.isArray(msg) && msg[0] === 'OK' && msg[1] === event.id) {
        finish(msg[2] === true, typeof msg[3] === 'string' ? msg[3] : '');
      }
    });
    ws.on('error', (err) => finish(false, `connection failed: ${err.message}`));
    ws.on('close', () => finish(false, 'connection closed before the relay answered'));
  });
}
