/**
 * A minimal WebSocket client (RFC 6455) for the fan-out bench's many subscribers: the handshake,
 * masked text frames out, and unmasked frames in, handed over as views into the received chunk
 * with no copy and no per-message event objects. The bench shares the relay's machine, so every
 * cycle its 1,000 subscribers spend is taken from the relay under test; `ws` costs several times
 * more per message. Only what a Nostr client needs: text messages, ping/pong, close.
 */
import { createHash, randomBytes } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One open connection. */
export class LeanSocket {
  #pending: Buffer | undefined;
  /** Fragments of a message split over continuation frames (rare; relays send whole frames). */
  #fragments: Buffer[] | undefined;
  closed = false;

  constructor(
    private readonly socket: Socket,
    /** Called with each complete text or binary message. */
    private readonly onMessage: (payload: Buffer) => void,
    head: Buffer,
  ) {
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('close', () => (this.closed = true));
    socket.on('error', () => undefined);
    if (head.length > 0) this.#read(head);
  }

  /** Sends a text message (masked, as RFC 6455 requires of clients). */
  send(text: string): void {
    this.#frame(0x1, Buffer.from(text));
  }

  /** Closes the TCP connection at once. */
  terminate(): void {
    this.socket.destroy();
  }

  #frame(opcode: number, payload: Buffer): void {
    const n = payload.length;
    const extra = n < 126 ? 0 : n < 0x10000 ? 2 : 8;
    const out = Buffer.allocUnsafe(2 + extra + 4 + n);
    out[0] = 0x80 | opcode;
    if (extra === 0) out[1] = 0x80 | n;
    else if (extra === 2) {
      out[1] = 0x80 | 126;
      out.writeUInt16BE(n, 2);
    } else {
      out[1] = 0x80 | 127;
      out.writeBigUInt64BE(BigInt(n), 2);
    }
    const maskAt = 2 + extra;
    randomBytes(4).copy(out, maskAt);
    for (let i = 0; i < n; i++) out[maskAt + 4 + i] = payload[i]! ^ out[maskAt + (i & 3)]!;
    this.socket.write(out);
  }

  #read(chunk: Buffer): void {
    const buf = this.#pending ? Buffer.concat([this.#pending, chunk]) : chunk;
    this.#pending = undefined;
    let at = 0;
    while (buf.length - at >= 2) {
      const b0 = buf[at]!;
      const b1 = buf[at + 1]!;
      let length = b1 & 0x7f;
      let header = 2;
      if (length === 126) {
        if (buf.length - at < 4) break;
        length = buf.readUInt16BE(at + 2);
        header = 4;
      } else if (length === 127) {
        if (buf.length - at < 10) break;
        length = Number(buf.readBigUInt64BE(at + 2));
        header = 10;
      }
      const masked = (b1 & 0x80) !== 0;
      if (masked) header += 4;
      if (buf.length - at < header + length) break;
      const payload = buf.subarray(at + header, at + header + length);
      if (masked) for (let i = 0; i < length; i++) payload[i] = payload[i]! ^ buf[at + header - 4 + (i & 3)]!;
      at += header + length;
      this.#handle(b0 & 0x0f, (b0 & 0x80) !== 0, payload);
    }
    if (at < buf.length) this.#pending = Buffer.from(buf.subarray(at));
  }

  #handle(opcode: number, fin: boolean, payload: Buffer): void {
    switch (opcode) {
      case 0x0: // continuation
        this.#fragments?.push(Buffer.from(payload));
        if (fin && this.#fragments) {
          const whole = Buffer.concat(this.#fragments);
          this.#fragments = undefined;
          this.onMessage(whole);
        }
        return;
      case 0x1:
      case 0x2:
        if (fin) this.onMessage(payload);
        else this.#fragments = [Buffer.from(payload)];
        return;
      case 0x8: // close: answer and hang up
        this.#frame(0x8, Buffer.from(payload));
        this.socket.end();
        return;
      case 0x9: // ping
        this.#frame(0xa, Buffer.from(payload));
        return;
      default: // pong and reserved opcodes are ignored
    }
  }
}

/** Opens a WebSocket to a `ws://` URL; resolves once the server has accepted the upgrade. */
export function leanConnect(
  url: string,
  onMessage: (payload: Buffer) => void,
  timeoutMs = 10_000,
): Promise<LeanSocket> {
  const u = new URL(url);
  if (u.protocol !== 'ws:') throw new Error(`the lean client speaks ws:// only, not ${u.protocol}`);
  const key = randomBytes(16).toString('base64');
  const expected = createHash('sha1')
    .update(key + GUID)
    .digest('base64');
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: u.hostname, port: Number(u.port || 80), noDelay: true });
    const timer = setTimeout(() => fail(new Error(`connect to ${url} timed out`)), timeoutMs);
    let response = Buffer.alloc(0);
    const fail = (err: Error) => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    const onData = (chunk: Buffer) => {
      response = Buffer.concat([response, chunk]);
      const end = response.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', fail);
      clearTimeout(timer);
      const head = response.subarray(0, end).toString('latin1');
      const accept = /^sec-websocket-accept:\s*(\S+)/im.exec(head)?.[1];
      if (!/^HTTP\/1\.1 101/.test(head) || accept !== expected)
        return fail(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
      resolve(new LeanSocket(socket, onMessage, response.subarray(end + 4)));
    };
    socket.on('data', onData);
  });
}
