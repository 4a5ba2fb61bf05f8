/** Raw `ws` connections to any Nostr relay: the bench talks NIP-01 itself to keep client cost low. */
import WebSocket from 'ws';

/** Opens one connection; compression off (most relays default to it off and it would skew CPU). */
export function connect(url: string, timeoutMs = 10_000): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false, skipUTF8Validation: true, maxPayload: 64 * 1024 * 1024 });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`connect to ${url} timed out`));
    }, timeoutMs);
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** Opens `n` connections, at most `parallel` handshakes at a time so the relay's accept loop is not flooded. */
export async function connectMany(url: string, n: number, parallel = 50): Promise<WebSocket[]> {
  const sockets: WebSocket[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) {
        const i = next++;
        sockets[i] = await connect(url);
      }
    }),
  );
  return sockets;
}

/** Relay-to-client frame, parsed; only the types the bench uses are typed. */
export type RelayMessage =
  | ['OK', string, boolean, string]
  | ['EOSE', string]
  | ['EVENT', string, unknown]
  | ['CLOSED', string, string]
  | ['NOTICE', string]
  | [string, ...unknown[]];

/** Parses one frame; malformed frames come back as a NOTICE so callers can count them. */
export function parseFrame(data: WebSocket.RawData): RelayMessage {
  try {
    const parsed = JSON.parse(data.toString()) as unknown;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string') return parsed as RelayMessage;
  } catch {
    // fall through
  }
  return ['NOTICE', `unparseable frame: ${data.toString().slice(0, 80)}`];
}

/** The machine-readable part of an OK/CLOSED message (NIP-01 prefix), for grouping reasons. */
export function reasonPrefix(message: string): string {
  const colon = message.indexOf(':');
  return colon > 0 && colon < 24 ? message.slice(0, colon) : message.slice(0, 60) || '(empty)';
}

/** Monotonic milliseconds (shared clock across worker threads of one process). */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
