import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * Starts a real PostgreSQL server in a fresh temporary directory on a free 127.0.0.1 port
 * (initdb, then pg_ctl start), and stops it and deletes the directory on `stop()` or, failing
 * that, when this process exits. Throws if the binaries are missing: tests must not skip.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<TestPostgres> {
  if (!existsSync(join(BIN, 'initdb'))) throw missing();
  const user = asServerUser();
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-pg-'));
  const data = join(dir, 'data');
  if (user.uid !== undefined) chownSync(dir, user.uid, user.gid!);
  const as = (bin: string, args: string[]) => {
    const [cmd, ...rest] = [...user.prefix, join(BIN, bin), ...args];
    return run(cmd!, rest, { cwd: dir });
  };
  await as('initdb', ['-D', data, '-U', SUPERUSER, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '-N']);
  const port = await freePort();
  const settings = [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'max_connections = 300',
    'shared_buffers = 64MB',
    ...(options.durable ? [] : ['fsync = off', 'full_page_writes = off', 'synchronous_commit = off']),
  ];
  writeFileSync(join(data, 'postgresql.auto.conf'), `${settings.join('\n')}\n`);
  if (user.uid !== undefined) chownSync(join(data, 'postgresql.auto.conf'), user.uid, user.gid!);
  const stopSync = () => {
    const [cmd, ...rest] = [...user.prefix, join(BIN, 'pg_ctl'), 'stop', '-D', data, '-m', 'immediate', '-w'];
    spawnSync(cmd!, rest, { stdio: 'ignore', cwd: dir });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopSync);
  try {
    await as('pg_ctl', ['start', '-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60']);
  } catch (err) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw err;
  }
  const url = (database = 'postgres') => `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
  let stopped = false;
  return {
    port,
    url,
    createDatabase: (prefix = 'test') => createDatabase(port, prefix),
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', stopSync);
      await as('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
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
