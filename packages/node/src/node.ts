import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import { ConfigError, type Config } from '@lifeline/config';
import { defaultPolicies } from '@lifeline/policies';
import { createRelay, type Relay } from '@lifeline/relay';
import type { EventStore } from '@lifeline/store';
import { openSqliteStore } from '@lifeline/store-sqlite';
import { openPostgres } from './postgres.js';
import { createVerifier, type Verifier } from '@lifeline/verify';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createHttpApp } from './http/app.js';
import { errorResponse, httpError } from './http/errors.js';
import { NodeServer } from './http/server.js';
import { relayInfo } from './nip11/index.js';
import { openMediaServer } from './media/index.js';
import { webAppRoutes } from './web-app/index.js';
import { liveRoutes } from './live/index.js';
import { pagesRoutes } from './pages/index.js';
import { openIntakeServer, type IntakeServer } from './intake/index.js';
import { startNotes, type NotesService } from './notes/index.js';
import { createLogger, type Logger } from './log.js';
import { nowSeconds } from '@lifeline/nostr';
import { prepareDir } from './data-dir.js';
import { collectWhenQuiet } from './idle-collect.js';
import { StartError, databaseError } from './start-error.js';
import {
  DeskBook,
  deskPolicy,
  deskRoutes,
  entryClaims,
  openDeskMembership,
  parseDeskSetting,
  type DeskMembershipSource,
} from './desk/index.js';
import { loadNodeKey, nodeIdentity, type NodeIdentity } from './node-identity.js';
import { openDeskSignals, type DeskSignals } from './desk-signals/index.js';
import { startMirrors } from './mirror/index.js';
import { moderationPolicy } from '@lifeline/policies';
import { ModerationStore, nip86Routes, parseAdmins, withInfoOverrides } from './nip86/index.js';

/** The relay and its storage, without a listening socket (used by `serve`, `import`, `export`). */
export interface Core {
  relay: Relay;
  store: EventStore;
  relayUrl: string;
  log: Logger;
  /** Which signature backend the verifier runs: the native addon, or the much slower wasm fallback. */
  signatures: Verifier['backend'];
  /** The configured verification desks and their current members (`desk` setting). */
  desk: DeskMembershipSource;
  /** Claims, sources, account labels and reports of the desks, kept current from stored events. */
  deskBook: DeskBook;
  /** The operator's NIP-86 lists (bans, allow lists, kinds), kept in the data directory. */
  moderation: ModerationStore;
  /** Hex operator keys allowed to use NIP-86 (`admin`). */
  admins: string[];
  close(): Promise<void>;
}

/** A node listening for clients. */
export interface RunningNode extends Core {
  /** ws://host:port where the node listens. */
  url: string;
  /** http://host:port, the same port. */
  httpUrl: string;
  port: number;
  /** The intake review queue, when a channel is on. */
  intake?: IntakeServer;
  /** The node's own signing identity (NIP-11 `self`). */
  identity: NodeIdentity;
  /** Whether the identity's key file is NIP-49 encrypted (a passphrase was set). */
  identityEncrypted: boolean;
  /** Impostor flags and coordinated clusters (desk-signals/). */
  signals: DeskSignals;
  /** Community notes: scheduled scoring and status labels (`run()` scores now). */
  notes: NotesService;
}

/** How often a node on PostgreSQL reads the moderation lists again (other processes may have changed them). */
const MODERATION_REFRESH_MS = 2000;

/** The database file in the data directory; a directory without it holds no node. */
export const DATABASE_FILE = 'lifeline.db';

/** Storage and the signature verifier: the slow and fallible half of opening a node. */
interface Backends {
  store: EventStore;
  verifier: Verifier;
  log: Logger;
  desk: DeskMembershipSource;
  deskBook: DeskBook;
  moderation: ModerationStore;
  admins: string[];
}

function deskAddresses(config: Config) {
  try {
    return parseDeskSetting(config.desk);
  } catch (err) {
    throw new StartError('desk-invalid', { why: (err as Error).message });
  }
}

async function openBackends(config: Config): Promise<Backends> {
  const log = createLogger(config.logLevel);
  const desks = deskAddresses(config);
  const admins = parseAdmins(config.admin);
  prepareDir(config.data, '--data', [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]);
  const path = join(config.data, DATABASE_FILE);
  if (config.databaseReadUrl && !config.databaseUrl)
    throw new ConfigError('--database-read-url needs --database-url: a read replica replicates a PostgreSQL primary');
  const store: EventStore = config.databaseUrl
    ? await openPostgres(config)
    : await openSqliteStore({
        path,
        synchronous: config.synchronous as 'FULL' | 'NORMAL',
        maxBatch: config.writeBatch,
        readThreads: config.readThreads || Math.min(availableParallelism(), 4),
      }).catch((err: unknown) => {
        throw databaseError(err, path, '--data');
      });
  const moderation = await ModerationStore.open(store).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const threads = config.verifyThreads || Math.max(1, availableParallelism() - 1);
  const verifier = await createVerifier({ threads, backend: config.verifyBackend as 'auto' | 'native' | 'wasm' }).catch(
    async (err: unknown) => {
      await store.close();
      throw err;
    },
  );
  const deskBook = new DeskBook(store);
  const desk = await openDeskMembership(desks, store)
    .then(async (d) => {
      await deskBook.load();
      return d;
    })
    .catch(async (err: unknown) => {
      await store.close();
      await verifier.close();
      throw err;
    });
  log.debug('backends open', { backend: verifier.backend, threads: verifier.threads });
  return { store, verifier, log, desk, deskBook, moderation, admins };
}

const closeBackends = async (b: Backends) => {
  await b.store.close();
  await b.verifier.close();
};

/**
 * Builds the relay over open backends. Synchronous, so startNode can run it between bind and the first
 * accepted connection.
 */
function assembleCore(config: Config, backends: Backends, relayUrl: string): Core {
  const { store, verifier, log, desk, deskBook, moderation, admins } = backends;
  const policies = defaultPolicies(config);
  // First: a banned pubkey or event costs no further check (NIP-86; lists kept even with no admin left).
  policies.rejectEvent.unshift(moderationPolicy(moderation.rules, admins.length > 0));
  policies.rejectSignedEvent.push(deskPolicy(deskBook, desk));
  const relay = createRelay({
    settings: config,
    store,
    verifier,
    policies,
    relayUrl,
    onError: (message, fields) => log.error(message, fields),
  });
  relay.onStored((event) => {
    desk.observe(event);
    deskBook.observe(event);
  });
  // An author's events accepted by other processes sharing the database count against their limit here too.
  const stopCharging = store.onCommitted?.(({ event }) => policies.rateLimit.charge(event.pubkey));
  const purge = setInterval(() => {
    store.purgeExpired(nowSeconds()).catch((e: Error) => log.warn('purge failed', { error: e.message }));
  }, config.purgeIntervalSeconds * 1000);
  purge.unref();
  // Processes sharing a PostgreSQL database see each other's NIP-86 changes within this interval.
  const reread = config.databaseUrl
    ? setInterval(() => {
        moderation.refresh().catch((e: Error) => log.warn('moderation refresh failed', { error: e.message }));
      }, MODERATION_REFRESH_MS)
    : undefined;
  reread?.unref();
  const collector = collectWhenQuiet();
  return {
    relay,
    store,
    relayUrl,
    log,
    signatures: verifier.backend,
    desk,
    deskBook,
    moderation,
    admins,
    async close() {
      clearInterval(purge);
      clearInterval(reread);
      stopCharging?.();
      collector.stop();
      await relay.close();
      await closeBackends(backends);
    },
  };
}

/**
 * What @hono/node-server answers when it cannot build a Request (a malformed Host or URL: 400) or,
 * were it ever to happen, when the app itself throws (500): the node's error response either way.
 */
function unreadable(err: unknown, onBug: (err: Error) => void): Response {
  if (err instanceof Error && err.name === 'RequestError')
    return errorResponse(httpError('bad-request', 'the request could not be read'));
  onBug(err instanceof Error ? err : new Error(String(err)));
  return errorResponse(httpError('internal'));
}

/** `host` as it appears in a URL (IPv6 addresses in brackets). */
const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);

/** The URL clients use for the relay: `publicUrl`, or where it listens. */
const relayUrlOf = (config: Config, port: number) => config.publicUrl || `ws://${urlHost(config.host)}:${port}`;

/** Opens storage, the signature verifier and the relay core from a config, without listening. */
export async function openCore(config: Config): Promise<Core> {
  return assembleCore(config, await openBackends(config), relayUrlOf(config, config.port));
}

/** Extra route groups for embedders (benchmarks); mounted after the node's own, before the web app. */
export interface StartOptions {
  routes?: Array<(app: Hono) => void>;
}

/**
 * Starts a node: relay core plus one HTTP server that also upgrades WebSockets. Nothing listens
 * until the node can answer: storage, verifier, media and the web app's files are ready first,
 * and what needs the bound port (the relay URL when `port` is 0) is built before any connection
 * is accepted.
 */
export async function startNode(config: Config, options: StartOptions = {}): Promise<RunningNode> {
  const backends = await openBackends(config);
  let key: ReturnType<typeof loadNodeKey>;
  try {
    key = loadNodeKey(config.data, config.nodeKeyPassphrase);
  } catch (err) {
    await closeBackends(backends);
    throw err;
  }
  const media = await openMediaServer(config, backends.log).catch(async (err: unknown) => {
    await closeBackends(backends);
    throw err;
  });
  const intake = await openIntakeServer(config, backends).catch(async (err: unknown) => {
    media.close();
    await closeBackends(backends);
    throw err;
  });
  // Reads and compresses the built web app: the slow part of building the routes, done before binding.
  const webApp = webAppRoutes(config.webDir);
  const http = new NodeServer();
  let core: Core | undefined;
  let identity: NodeIdentity | undefined;
  let signals: DeskSignals | undefined;
  let notes: NotesService | undefined;
  let wss: WebSocketServer | undefined;
  const port = await http
    .listen(config.port, config.host, (bound) => {
      const node = (core = assembleCore(config, backends, relayUrlOf(config, bound)));
      identity = nodeIdentity(key.secret, node.relay);
      signals = openDeskSignals(config, {
        ...node,
        onStored: (l) => node.relay.onStored(l),
        identity,
        book: node.deskBook,
      });
      node.deskBook.useCampaigns(signals.campaigns);
      const info = relayInfo(config, node.relay.supportedNips(), identity.pubkey);
      notes = startNotes({ store: node.store, identity, log: node.log }, config);
      const onBug = (err: Error) => node.log.error('http handler failed', { error: err.message, stack: err.stack });
      const app = createHttpApp({
        relayInfo: () => withInfoOverrides(info, node.moderation),
        onionLocation: config.onionLocation,
        onBug,
        // Media first: Blossom claims /<sha256>, /upload, /media and /list/ before the web app's paths.
        routes: [
          media.routes,
          ...(intake ? [intake.routes((event) => node.relay.addEvent(event, { source: 'gateway' }))] : []),
          liveRoutes({
            store: node.store,
            onStored: (l) => node.relay.onStored(l),
            webDir: config.webDir,
            labeler: identity.pubkey,
            claims: { version: () => node.deskBook.version, read: entryClaims(node.deskBook, node.desk) },
          }),
          deskRoutes({ store: node.store, members: node.desk, book: node.deskBook }),
          pagesRoutes({
            store: node.store,
            impostorOf: (pk) => signals?.campaigns.impostorOf(pk),
            claims: entryClaims(node.deskBook, node.desk),
            claimsVersion: () => node.deskBook.version,
            onStored: (l) => node.relay.onStored(l),
          }),
          signals.routes,
          notes.routes,
          nip86Routes({ ...node, relayUrl: node.relayUrl }, config),
          ...(options.routes ?? []),
          webApp,
        ],
      });
      const sockets = (wss = new WebSocketServer({
        noServer: true,
        maxPayload: config.maxMessageBytes,
        perMessageDeflate: false,
      }));
      return {
        request: getRequestListener(app.fetch, { errorHandler: (err) => unreadable(err, onBug) }),
        upgrade: (req, socket, head) => sockets.handleUpgrade(req, socket, head, (ws) => node.relay.handleSocket(ws)),
      };
    })
    .catch(async (err: unknown) => {
      await signals?.close();
      await notes?.close();
      media.close();
      await intake?.close();
      await (core ? core.close() : closeBackends(backends));
      throw err;
    });
  const running = core!;
  const sockets = wss!;
  const mirrors = startMirrors(config, running);
  const host = urlHost(config.host);
  return {
    ...running,
    url: `ws://${host}:${port}`,
    httpUrl: `http://${host}:${port}`,
    port,
    ...(intake ? { intake } : {}),
    identity: identity!,
    identityEncrypted: key.encrypted,
    signals: signals!,
    notes: notes!,
    async close() {
      // Refuse new requests and connections, let in-flight writes commit, then close clients and storage.
      const closed = http.shut();
      await mirrors.stop();
      await signals!.close();
      await notes!.close();
      await running.close();
      media.close();
      await intake?.close();
      sockets.close();
      http.server.closeAllConnections();
      // A peer that never answers the close frame would hold shutdown for ws's 30 s close timeout.
      const grace = setTimeout(() => {
        for (const ws of sockets.clients) ws.terminate();
      }, 1000);
      await closed;
      clearTimeout(grace);
    },
  };
}
