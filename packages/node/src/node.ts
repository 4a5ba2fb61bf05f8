import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { Config } from '@lifeline/config';
import { defaultPolicies } from '@lifeline/policies';
import { createRelay, type Relay } from '@lifeline/relay';
import type { EventStore } from '@lifeline/store';
import { openSqliteStore } from '@lifeline/store-sqlite';
import { createVerifier, type Verifier } from '@lifeline/verify';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createHttpApp } from './http/app.js';
import { relayInfo } from './nip11/index.js';
import { openMediaServer } from './media/index.js';
import { webAppRoutes } from './web-app/index.js';
import { liveRoutes } from './live/index.js';
import { createLogger, type Logger } from './log.js';
import { nowSeconds } from '@lifeline/nostr';

/** The relay and its storage, without a listening socket (used by `serve`, `import`, `export`). */
export interface Core {
  relay: Relay;
  store: EventStore;
  relayUrl: string;
  log: Logger;
  /** Which signature backend the verifier runs: the native addon, or the much slower wasm fallback. */
  signatures: Verifier['backend'];
  close(): Promise<void>;
}

/** A node listening for clients. */
export interface RunningNode extends Core {
  /** ws://host:port where the node listens. */
  url: string;
  /** http://host:port, the same port. */
  httpUrl: string;
  port: number;
}

/** Opens storage, the signature verifier and the relay core from a config. */
export async function openCore(config: Config, port = config.port): Promise<Core> {
  const log = createLogger(config.logLevel);
  mkdirSync(config.data, { recursive: true });
  const store = await openSqliteStore({
    path: join(config.data, 'lifeline.db'),
    synchronous: config.synchronous as 'FULL' | 'NORMAL',
    maxBatch: config.writeBatch,
  });
  const threads = config.verifyThreads || Math.max(1, availableParallelism() - 1);
  const verifier = await createVerifier({ threads, backend: config.verifyBackend as 'auto' | 'native' | 'wasm' });
  const relayUrl = config.publicUrl || `ws://${config.host}:${port}`;
  const relay = createRelay({
    settings: config,
    store,
    verifier,
    policies: defaultPolicies(config),
    relayUrl,
    onError: (message, fields) => log.error(message, fields),
  });
  log.debug('core open', { backend: verifier.backend, threads: verifier.threads });
  const purge = setInterval(() => {
    store.purgeExpired(nowSeconds()).catch((e: Error) => log.warn('purge failed', { error: e.message }));
  }, config.purgeIntervalSeconds * 1000);
  purge.unref();
  return {
    relay,
    store,
    relayUrl,
    log,
    signatures: verifier.backend,
    async close() {
      clearInterval(purge);
      await relay.close();
      await store.close();
      await verifier.close();
    },
  };
}

/** Extra route groups for embedders (benchmarks); mounted after the node's own, before the web app. */
export interface StartOptions {
  routes?: Array<(app: Hono) => void>;
}

/** Starts a node: relay core plus one HTTP server that also upgrades WebSockets. */
export async function startNode(config: Config, options: StartOptions = {}): Promise<RunningNode> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  let core: Core;
  try {
    core = await openCore(config, port);
  } catch (err) {
    server.close();
    throw err;
  }
  const media = await openMediaServer(config, core.log).catch(async (err: Error) => {
    await core.close();
    server.close();
    throw err;
  });
  const info = relayInfo(config, core.relay.supportedNips());
  const app = createHttpApp({
    relayInfo: () => info,
    onBug: (err) => core.log.error('http handler failed', { error: err.message, stack: err.stack }),
    // Media first: Blossom claims /<sha256>, /upload, /media and /list/ before the web app's paths.
    routes: [
      media.routes,
      liveRoutes({ store: core.store, onStored: (l) => core.relay.onStored(l), webDir: config.webDir }),
      ...(options.routes ?? []),
      webAppRoutes(config.webDir),
    ],
  });
  server.on('request', getRequestListener(app.fetch));
  const wss = new WebSocketServer({ server, maxPayload: config.maxMessageBytes, perMessageDeflate: false });
  wss.on('connection', (ws) => core.relay.handleSocket(ws));
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    ...core,
    url: `ws://${host}:${port}`,
    httpUrl: `http://${host}:${port}`,
    port,
    async close() {
      // Stop accepting, let in-flight writes commit, then close clients and storage.
      const closed = new Promise<void>((r) => server.close(() => r()));
      await core.close();
      media.close();
      wss.close();
      server.closeAllConnections();
      // A peer that never answers the close frame would hold shutdown for ws's 30 s close timeout.
      const grace = setTimeout(() => wss.clients.forEach((ws) => ws.terminate()), 1000);
      await closed;
      clearTimeout(grace);
    },
  };
}
