import { createHmac, randomBytes } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** How the SMTP intake listens and what it accepts. */
export interface SmtpIntakeOptions {
  host: string;
  port: number;
  /** Recipient addresses accepted (lowercase); any other RCPT TO gets 550. */
  addresses: readonly string[];
  /** Largest message in bytes: advertised as SIZE, enforced while streaming (552). */
  maxBytes: number;
  /** PEM key and certificate for STARTTLS; without them STARTTLS is not offered. */
  tls?: { key: Buffer; cert: Buffer };
  /** Messages one sender may deliver per minute (by MAIL FROM); more get 451 until the minute passes. */
  perSenderPerMinute?: number;
  /** Longest a DATA phase may last before the connection is closed with 421 (a client that never ends DATA). */
  dataTimeoutMs?: number;
  /** Idle time before a silent connection is dropped. */
  socketTimeoutMs?: number;
  maxClients?: number;
  /** Takes one whole message; a rejection's `responseCode` (e.g. 451) is sent to the client. */
  onMessage: (raw: Buffer, envelopeFrom: string) => Promise<void>;
}

/** A running SMTP intake. */
export interface SmtpIntake {
  port: number;
  close(): Promise<void>;
}

/** An SMTP reply code with a message: what smtp-server sends when a handler fails with it. */
export function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * An inbound-only SMTP server for the intake addresses (smtp-server): no AUTH, no relaying, no
 * logging (so no client address is written anywhere), size enforced while the message streams in,
 * a deadline on DATA, and a per-sender rate kept in memory under a throwaway key.
 */
export async function startSmtpIntake(opts: SmtpIntakeOptions): Promise<SmtpIntake> {
  const accepted = new Set(opts.addresses.map((a) => a.trim().toLowerCase()).filter(Boolean));
  const rate = senderRate(opts.perSenderPerMinute ?? 30);
  const server: SMTPServer = new SMTPServer({
    banner: 'Lifeline intake',
    logger: false,
    disabledCommands: opts.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: opts.maxBytes,
    maxClients: opts.maxClients ?? 50,
    socketTimeout: opts.socketTimeoutMs ?? 60_000,
    hideSTARTTLS: !opts.tls,
    ...(opts.tls ? { key: opts.tls.key, cert: opts.tls.cert } : {}),
    onMailFrom(address, _session, cb) {
      if (!rate(address.address))
        return cb(smtpError(451, '4.7.1 too many messages from this sender, try again later'));
      cb();
    },
    onRcptTo(address, _session, cb) {
      if (!accepted.has(address.address.toLowerCase())) return cb(smtpError(550, '5.1.1 no such intake address'));
      cb();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      const deadline = setTimeout(() => {
        for (const conn of (server as unknown as { connections: Set<Conn> }).connections)
          if (conn.id === session.id) {
            conn.send(421, '4.4.2 the message took too long to arrive, closing');
            conn.close();
          }
      }, opts.dataTimeoutMs ?? 120_000);
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit nothing more is kept; smtp-server answers 552 when the stream ends.
        if (size <= opts.maxBytes) chunks.push(chunk);
      });
      stream.on('error', () => clearTimeout(deadline));
      stream.on('end', () => {
        clearTimeout(deadline);
        if (stream.sizeExceeded) return cb(smtpError(552, `5.3.4 message exceeds the limit of ${opts.maxBytes} bytes`));
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        opts.onMessage(Buffer.concat(chunks, size), from).then(
          () => cb(null, 'OK: received for the desk'),
          (err: Error & { responseCode?: number }) =>
            cb(err.responseCode ? err : smtpError(451, '4.3.0 could not take the message now')),
        );
      });
    },
  });
  // A connection that fails (reset, TLS garbage) concerns only itself.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : opts.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Conn {
  id: string;
  send(code: number, message: string): void;
  close(): void;
}

/** Per-sender counts for the current minute, keyed by an HMAC under a key that lives only in memory. */
function senderRate(perMinute: number): (address: string) => boolean {
  const key = randomBytes(32);
  let minute = 0;
  let counts = new Map<string, number>();
  return (address) => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== minute) {
      minute = now;
      counts = new Map();
    }
    const k = createHmac('sha256', key).update(address.toLowerCase()).digest('base64');
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    return n <= perMinute;
  };
}
