import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './net.js';

const run = promisify(execFile);

/**
 * Debian's PostgreSQL server binaries (`apt-get install postgresql`: version 15 on bookworm; the
 * newest installed version is used), or LIFELINE_PG_BIN.
 */
const BIN = process.env.LIFELINE_PG_BIN ?? debianBin();

function debianBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0] ?? '15';
  return join(root, newest, 'bin');
}
/** The superuser the throwaway cluster is created with (trust auth on 127.0.0.1 only). */
const SUPERUSER = 'lifeline';

/** A running throwaway PostgreSQL server. */
export interface TestPostgres {
  /** The TCP port it listens on, on 127.0.0.1. */
  port: number;
  /** `postgres://lifeline@127.0.0.1:PORT/<database>` (default: the `postgres` database). */
  url(database?: string): string;
  /** Creates a new empty database with a unique name and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server (fast shutdown) and deletes its directory; a no-op for a shared server. */
  stop(): Promise<void>;
  /**
   * Starts a streaming replica of this server: `pg_basebackup -R` into a second throwaway
   * cluster on its own free port, started as a hot standby.
   */
  startReplica(options?: ReplicaOptions): Promise<TestReplica>;
}

/** How to start a replica. */
export interface ReplicaOptions {
  /** `recovery_min_apply_delay` in ms: keep the replica this far behind, to test lag (default 0). */
  applyDelayMs?: number;
}

/** A running hot standby of a TestPostgres. */
export interface TestReplica {
  port: number;
  /** The same database name as on the primary, read-only here. */
  url(database?: string): string;
  /** Resolves once the replica has replayed everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** How to start the server. */
export interface PostgresOptions {
  /**
   * Keep fsync on (benchmarks). Off by default: tests kill nodes, never this server, and a
   * throwaway cluster on a shared 2-core machine should not wait for the disk.
   */
  durable?: boolean;
}

function missing(): Error {
  return new Error(
    `PostgreSQL server binaries not found in ${BIN}: install Debian's postgresql package ` +
      '(apt-get install postgresql), or set LIFELINE_PG_BIN to the directory holding initdb and pg_ctl',
  );
}

/**
 * Runs a server binary. initdb and postgres refuse to run as root, so as root they run as the
 * `postgres` system user that Debian's package creates, over a directory it owns.
 */
function asServerUser(): { prefix: string[]; uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return { prefix: [] };
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  return { prefix: ['runuser', '-u', 'postgres', '--'], uid, gid };
}

let counter = 0;

/** A fresh temporary directory owned by the server user, and how to run a server binary over it. */
function serverDir() {
  if (!existsSync(join(BIN, 'initdb'))) throw missing();
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-pg-'));
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const as = (bin: string, args: string[]) => {
    const [cmd, ...rest] = [...user.prefix, join(BIN, bin), ...args];
    return run(cmd!, rest, { cwd: dir });
  };
  return { user, dir, data: join(dir, 'data'), as };
}

/** Writes the server's own settings (port, sockets, sizes) into its data directory. */
function writeSettings(s: ReturnType<typeof serverDir>, port: number, extra: string[]): void {
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${s.dir}'`,
    'max_connections = 300',
    'shared_buffers = 64MB',
    ...extra,
  ];
  const file = join(s.data, 'postgresql.auto.conf');
  const kept = existsSync(file) ? readFileSync(file, 'utf8') : '';
  writeFileSync(file, `${kept}${settings.join('\n')}\n`);
  if (s.user.uid !== undefined) chownSync(file, s.user.uid, s.user.gid!);
}

/** Starts the server over `s`, stopping and deleting it when this process exits; returns how to stop it. */
async function launch(s: ReturnType<typeof serverDir>): Promise<() => Promise<void>> {
  const stopSync = () => {
    const [cmd, ...rest] = [...s.user.prefix, join(BIN, 'pg_ctl'), 'stop', '-D', s.data, '-m', 'immediate', '-w'];
    spawnSync(cmd!, rest, { stdio: 'ignore', cwd: s.dir });
    rmSync(s.dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  try {
    await s.as('pg_ctl', ['start', '-D', s.data, '-l', join(s.dir, 'server.log'), '-w', '-t', '60']);
  } catch (err) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw err;
  }
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', stopSync);
    await s.as('pg_ctl', ['stop', '-D', s.data, '-m', 'fast', '-w']).catch(() => undefined);
    rmSync(s.dir, { recursive: true, force: true });
  };
}

/** A hot standby of the server on `primaryPort` (see TestPostgres.startReplica). */
async function startReplica(primaryPort: number, options: ReplicaOptions = {}): Promise<TestReplica> {
  const s = serverDir();
  // -R writes primary_conninfo and standby.signal; -X stream copies the WAL written meanwhile.
  await s.as('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primaryPort),
    '-U',
    SUPERUSER,
    '-D',
    s.data,
    '-R',
    '-X',
    'stream',
  ]);
  const port = await freePort();
  writeSettings(s, port, [
    'hot_standby = on',
    `recovery_min_apply_delay = '${options.applyDelayMs ?? 0}ms'`,
    'fsync = off',
  ]);
  const stop = await launch(s);
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  const psql = async (p: number, query: string) =>
    (
      await run(join(BIN, 'psql'), [
        '-h',
        '127.0.0.1',
        '-p',
        String(p),
        '-U',
        SUPERUSER,
        '-d',
        'postgres',
        '-At',
        '-c',
        query,
      ])
    ).stdout.trim();
  return {
    port,
    url,
    async caughtUp(timeoutMs = 30_000) {
      const target = await psql(primaryPort, 'SELECT pg_current_wal_insert_lsn()');
      const deadline = Date.now() + timeoutMs;
      while ((await psql(port, `SELECT pg_last_wal_replay_lsn() >= '${target}'::pg_lsn`)) !== 't') {
        if (Date.now() > deadline) throw new Error(`replica did not replay up to ${target}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop,
  };
}

/**
 * Starts a real PostgreSQL server in a fresh temporary directory on a free 127.0.0.1 port
 * (initdb, then pg_ctl start), and stops it and deletes the directory on `stop()` or, failing
 * that, when this process exits. Throws if the binaries are missing: tests must not skip.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  const s = serverDir();
  const { data, as } = s;
  await as('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  const port = await freePort();
  writeSettings(s, port, options.durable ? [] : ['fsync = off', 'full_page_writes = off', 'synchronous_commit = off']);
  const stop = await launch(s);
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    createDatabase: (prefix = 'test') => createDatabase(port, prefix),
    stop,
    startReplica: (opts) => startReplica(port, opts),
  };
}

async function createDatabase(port: number, prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`;
  await run(join(BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', SUPERUSER, name]);
  return `postgres://${SUPERUSER}@127.0.0.1:${port}/${name}`;
}

let shared: Promise<TestPostgres> | undefined;

/**
 * One server per test process, started on first use and stopped when the process exits; every
 * caller gets its own databases on it with `createDatabase`.
 */
export function sharedPostgres(): Promise<TestPostgres> {
  shared ??= startPostgres().then((pg) => ({ ...pg, stop: async () => {} }));
  return shared;
}

/** A transaction held open in a separate `psql` session (see `holdTransaction`). */
export interface HeldTransaction {
  /** Commits it and ends the session. */
  release(): Promise<void>;
}

/**
 * Opens a transaction on `url` in a psql session, runs `statements` in it (e.g. a LOCK TABLE)
 * and keeps it open until `release()`: how a test makes a real server hold a writer back.
 */
export async function holdTransaction(url: string, statements: string): Promise<HeldTransaction> {
  const psql = spawn(join(BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  psql.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => psql.once('exit', resolve));
  psql.stdin.write(`BEGIN;\n${statements}\n\\echo held\n`);
  await new Promise<void>((resolve, reject) => {
    psql.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('held')) resolve();
    });
    void exited.then(() => reject(new Error(`psql ended before holding the transaction: ${err}`)));
  });
  return {
    async release() {
      psql.stdin.end('COMMIT;\n\\q\n');
      await exited;
    },
  };
}
