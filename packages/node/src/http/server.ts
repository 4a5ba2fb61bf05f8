import { createServer, type IncomingMessage, type RequestListener, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { getRequestListener } from '@hono/node-server';
import { HTTP_ERRORS, errorResponse, httpError } from './errors.js';
import { EVERY_RESPONSE } from './headers.js';
import { listenError } from '../start-error.js';

/** What the node answers with once it is ready. */
export interface Handlers {
  request: RequestListener;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/**
 * The node's one HTTP server, with a gate in front of its handlers. `listen` binds the port and
 * opens the gate in the same tick, before any connection can be accepted; `shut` closes it, and
 * from then on a request on a kept-alive connection gets 503 with `Connection: close` and a
 * WebSocket upgrade gets an HTTP 503, so no client ever waits on a node that cannot answer.
 */
export class NodeServer {
  readonly server: Server = createServer();
  private handlers: Handlers | undefined;
  private readonly closed: Promise<void>;

  constructor() {
    this.server.on('request', (req, res) => (this.handlers ?? REFUSE).request(req, res));
    this.server.on('upgrade', (req, socket, head) => (this.handlers ?? REFUSE).upgrade(req, socket, head));
    this.closed = new Promise((resolve) => this.server.once('close', resolve));
  }

  /**
   * Binds host:port and calls `ready` with the bound port (the real one when `port` is 0) before
   * any connection is accepted: 'listening' is emitted on a nextTick after bind(), ahead of the
   * event-loop phase that accepts connections, so `ready` must build the handlers synchronously.
   * Rejects with a StartError for the failures a user can fix (port in use, unknown host).
   */
  listen(port: number, host: string, ready: (port: number) => Handlers): Promise<number> {
    return new Promise((resolve, reject) => {
      const failed = (err: Error) => reject(listenError(err, port, host));
      this.server.once('error', failed);
      this.server.listen(port, host, () => {
        this.server.off('error', failed);
        const address = this.server.address();
        const bound = typeof address === 'object' && address ? address.port : port;
        try {
          this.handlers = ready(bound);
          resolve(bound);
        } catch (err) {
          this.server.close();
          reject(err);
        }
      });
    });
  }

  /** Stops accepting connections and refuses every request from now on; resolves once the server is closed. */
  shut(): Promise<void> {
    this.handlers = undefined;
    this.server.close();
    return this.closed;
  }
}

const refusal = httpError('shutting-down', undefined, { connection: 'close', 'retry-after': '5' });

/** The answers of a node that is not open. */
const REFUSE: Handlers = {
  request: getRequestListener(() => errorResponse(refusal)),
  upgrade(_req, socket) {
    const body = `${refusal.message}\n`;
    const headers = {
      ...refusal.headers,
      ...EVERY_RESPONSE,
      'content-type': 'text/plain; charset=UTF-8',
      'content-length': String(Buffer.byteLength(body)),
    };
    // The socket is ours once 'upgrade' fired: Node no longer handles its errors.
    socket.on('error', () => undefined);
    socket.once('finish', () => socket.destroy());
    socket.end(
      `HTTP/1.1 ${HTTP_ERRORS['shutting-down'].status} Service Unavailable\r\n${Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')}\r\n${body}`,
    );
  },
};
