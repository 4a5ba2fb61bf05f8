import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { keys, signed, type TestKeys } from './events.js';

/** A masked client text frame (RFC 6455 §5.2), as any browser would send it. */
export function clientTextFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const len = payload.length;
  const header = len < 126 ? Buffer.alloc(2) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  header[0] = 0x81;
  if (len < 126) header[1] = 0x80 | len;
  else if (len < 65536) {
    header[1] = 0x80 | 126;
    header.writeUInt16BE(len, 2);
  } else {
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(len), 2);
  }
  for (let i = 0; i < len; i++) payload[i]! ^= mask[i % 4]!;
  return Buffer.concat([header, mask, payload]);
}

/**
 * A WebSocket client that never reads what the relay sends: it completes the handshake, then
 * stops reading its socket, so the relay's answers pile up in the kernel buffers and then in the
 * relay (the attack in issue 10: a few KB of REQs, never read).
 */
export class NeverReadingSocket {
  private constructor(readonly socket: Socket) {}

  /** Connects and upgrades to WebSocket; resolves once the 101 answer arrived, then reads no more. */
  static open(url: string): Promise<NeverReadingSocket> {
    const { hostname, port, pathname } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.write(
          `GET ${pathname || '/'} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        );
      });
      let head = '';
      const onData = (chunk: Buffer) => {
        head += chunk.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        socket.off('data', onData);
        socket.pause();
        socket.on('error', () => {});
        if (!head.startsWith('HTTP/1.1 101')) return reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
        resolve(new NeverReadingSocket(socket));
      };
      socket.on('data', onData);
    });
  }

  /** Sends one message as a masked text frame (JSON unless already a string). */
  send(message: unknown): void {
    this.socket.write(clientTextFrame(typeof message === 'string' ? message : JSON.stringify(message)));
  }

  /** Drops the connection without a closing handshake. */
  destroy(): void {
    this.socket.destroy();
  }
}

/** What a probe saw: the latency of each publish (EVENT to OK) and query (REQ to EOSE), and failures. */
export interface ProbeReport {
  publishes: number[];
  queries: number[];
  timeouts: number;
  errors: string[];
  /** The given percentile (0..1) over every round trip, in ms. */
  percentile(p: number): number;
}

/**
 * A well-behaved client that publishes a note and queries the newest notes every `intervalMs`,
 * timing each round trip, while something else attacks the relay. Stop it with `stop()`, which
 * resolves to its report. A round trip over `timeoutMs` counts as a timeout.
 */
export async function startProbe(url: string, opts: { intervalMs?: number; timeoutMs?: number; who?: TestKeys } = {}) {
  const intervalMs = opts.intervalMs ?? 200;
  const timeoutMs = opts.timeoutMs ?? 5000;
  const who = opts.who ?? keys();
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiting = new Map<string, (ok: boolean) => void>();
  ws.on('message', (data) => {
    let msg: unknown[];
    try {
      msg = JSON.parse(data.toString()) as unknown[];
    } catch {
      return;
    }
    const key =
      msg[0] === 'OK'
        ? `ok:${String(msg[1])}`
        : msg[0] === 'EOSE' || msg[0] === 'CLOSED'
          ? `sub:${String(msg[1])}`
          : '';
    waiting.get(key)?.(msg[0] === 'EOSE' || msg[2] === true);
  });
  ws.on('error', () => {});
  const report: ProbeReport = {
    publishes: [],
    queries: [],
    timeouts: 0,
    errors: [],
    percentile(p) {
      const all = [...this.publishes, ...this.queries].sort((a, b) => a - b);
      return all.length ? all[Math.min(all.length - 1, Math.floor(p * all.length))]! : Number.NaN;
    },
  };
  const roundTrip = (key: string, message: unknown[], into: number[]) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const timer = setTimeout(() => {
        waiting.delete(key);
        report.timeouts++;
        resolve();
      }, timeoutMs);
      waiting.set(key, (ok) => {
        clearTimeout(timer);
        waiting.delete(key);
        if (ok) into.push(performance.now() - started);
        else report.errors.push(`${key} refused`);
        resolve();
      });
      ws.send(JSON.stringify(message));
    });
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running && ws.readyState === WebSocket.OPEN) {
      const next = performance.now() + intervalMs;
      const event = signed(who, { kind: 1, content: `probe ${n}`, tags: [['t', 'probe']] });
      const sub = `probe${n++}`;
      await Promise.all([
        roundTrip(`ok:${event.id}`, ['EVENT', event], report.publishes),
        roundTrip(`sub:${sub}`, ['REQ', sub, { kinds: [1], authors: [who.pk], limit: 10 }], report.queries),
      ]);
      ws.send(JSON.stringify(['CLOSE', sub]));
      const wait = next - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  })();
  return {
    async stop(): Promise<ProbeReport> {
      running = false;
      await loop;
      ws.close();
      return report;
    },
  };
}

/** The resident set size of a process, in bytes (Linux: VmRSS in /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}
