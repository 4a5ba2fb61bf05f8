/** Windowed EVENT publishing over several connections; shared by ingest and fill. */
import type WebSocket from 'ws';
import { connectMany, nowMs, parseFrame, reasonPrefix } from './client.js';
import { lineId } from './dataset.js';
import { Counter, Histogram } from './stats.js';

/** Knobs for one publishing run. */
export interface PublishOptions {
  url: string;
  connections: number;
  /** Max EVENTs awaiting OK per connection. */
  window: number;
  /** Stop sending after this many seconds (bounded runs); Infinity to drain the source. */
  maxSeconds: number;
  /** Give up waiting for outstanding OKs after this long once sending stops. */
  drainTimeoutMs?: number;
  /** Called about every 5 s with a one-line progress string. */
  progress?: (line: string) => void;
}

/** Everything a publishing run observed. */
export interface PublishResult {
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectReasons: Record<string, number>;
  unanswered: number;
  closedConnections: number;
  notices: Record<string, number>;
  seconds: number;
  latency: Histogram;
}

interface Conn {
  ws: WebSocket;
  pending: Map<string, number>;
  open: boolean;
}

/** Sends every dataset line as `["EVENT", line]`, keeping `window` unacknowledged per connection. */
export async function publishLines(lines: AsyncIterable<string>, opts: PublishOptions): Promise<PublishResult> {
  const sockets = await connectMany(opts.url, opts.connections);
  const latency = new Histogram();
  const rejectReasons = new Counter();
  const notices = new Counter();
  let accepted = 0;
  let duplicates = 0;
  let rejected = 0;
  let sent = 0;
  let closedConnections = 0;
  let wake: (() => void) | null = null;
  const signal = () => {
    const w = wake;
    wake = null;
    w?.();
  };

  const conns: Conn[] = sockets.map((ws) => {
    const conn: Conn = { ws, pending: new Map(), open: true };
    ws.on('message', (data) => {
      const msg = parseFrame(data);
      if (msg[0] === 'OK') {
        const [, id, ok, message] = msg as ['OK', string, boolean, string];
        const sentAt = conn.pending.get(id);
        if (sentAt === undefined) return;
        conn.pending.delete(id);
        latency.record(nowMs() - sentAt);
        if (ok) {
          if (String(message).startsWith('duplicate')) duplicates++;
          else accepted++;
        } else {
          rejected++;
          rejectReasons.add(reasonPrefix(String(message)));
        }
        signal();
      } else if (msg[0] === 'NOTICE') {
        notices.add(reasonPrefix(String(msg[1])));
      }
    });
    ws.on('close', () => {
      if (conn.open) closedConnections++;
      conn.open = false;
      signal();
    });
    ws.on('error', () => undefined);
    return conn;
  });

  const started = nowMs();
  const deadline = started + opts.maxSeconds * 1000;
  let lastProgress = started;
  let lastSent = 0;
  let rr = 0;
  for await (const line of lines) {
    if (nowMs() > deadline) break;
    let conn: Conn | undefined;
    for (;;) {
      // Round-robin to the next open connection with room in its window.
      for (let tries = 0; tries < conns.length && conn === undefined; tries++) {
        const c = conns[rr++ % conns.length];
        if (c?.open && c.pending.size < opts.window) conn = c;
      }
      if (conn !== undefined) break;
      if (conns.every((c) => !c.open)) throw new Error('all connections closed by the relay');
      await new Promise<void>((resolve) => (wake = resolve));
    }
    conn.pending.set(lineId(line), nowMs());
    conn.ws.send(`["EVENT",${line}]`);
    sent++;
    const now = nowMs();
    if (opts.progress !== undefined && now - lastProgress > 5000) {
      const done = accepted + duplicates + rejected;
      opts.progress(
        `${sent} sent, ${accepted} accepted, ${duplicates} duplicate, ${rejected} rejected; ` +
          `${Math.round(((sent - lastSent) * 1000) / (now - lastProgress))} sent/s, ${Math.round((done * 1000) / (now - started))} answered/s overall`,
      );
      lastProgress = now;
      lastSent = sent;
    }
    // Yield now and then so OK frames are processed even if the source never blocks.
    if (sent % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
  }

  // Drain: wait for outstanding OKs, bounded.
  const drainDeadline = nowMs() + (opts.drainTimeoutMs ?? 30_000);
  while (conns.some((c) => c.open && c.pending.size > 0) && nowMs() < drainDeadline) {
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 100);
    });
  }
  const seconds = (nowMs() - started) / 1000;
  const unanswered = conns.reduce((n, c) => n + c.pending.size, 0);
  for (const c of conns) c.ws.close();
  return {
    sent,
    accepted,
    duplicates,
    rejected,
    rejectReasons: rejectReasons.toObject(),
    unanswered,
    closedConnections,
    notices: notices.toObject(),
    seconds,
    latency,
  };
}

/** Table rows and JSON fields for a publishing run, shared by ingest and fill reports. */
export function describePublish(r: PublishResult): { rows: [string, unknown][]; json: Record<string, unknown> } {
  const acceptedPerSecond = Math.round(r.accepted / r.seconds);
  const answeredPerSecond = Math.round((r.accepted + r.duplicates + r.rejected) / r.seconds);
  const ok = r.latency.summary();
  return {
    rows: [
      ['sent', r.sent],
      ['OK true (new)', r.accepted],
      ['OK true (duplicate)', r.duplicates],
      ['OK false', `${r.rejected} ${JSON.stringify(r.rejectReasons)}`],
      ['no OK before timeout', r.unanswered],
      ['connections closed by relay', r.closedConnections],
      ['NOTICEs', JSON.stringify(r.notices)],
      ['wall time', `${r.seconds.toFixed(1)} s`],
      ['accepted events/s', acceptedPerSecond],
      ['answered events/s', answeredPerSecond],
      ['OK latency ms', `p50 ${ok.p50}  p90 ${ok.p90}  p99 ${ok.p99}  max ${ok.max}`],
    ],
    json: {
      sent: r.sent,
      accepted: r.accepted,
      duplicates: r.duplicates,
      rejected: r.rejected,
      rejectReasons: r.rejectReasons,
      unanswered: r.unanswered,
      closedConnections: r.closedConnections,
      seconds: Math.round(r.seconds * 10) / 10,
      acceptedPerSecond,
      answeredPerSecond,
      okLatencyMs: ok,
    },
  };
}
