import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './net.js';
import { tempDir } from './temp.js';

/** A real HylaFAX server for a test: its scheduler and client-protocol server on a private spool. */
export interface TestHylafax {
  /** host:port for `sendfax -h`. */
  host: string;
  /** The spool directory (docq/ holds submitted documents, sendq/ the jobs). */
  spool: string;
  /** The jobs as `faxstat -s` lists them. */
  jobs(): Promise<string>;
  /** The documents submitted so far (docq/doc*). */
  documents(): Buffer[];
  stop(): Promise<void>;
}

/**
 * Starts Debian hylafax-server's `faxq` (scheduler) and `hfaxd` (client protocol) in the
 * foreground on a copy of the package's spool with its configuration, hfaxd listening on a free
 * port and accepting loopback clients. No modem: submitted jobs wait in the queue, which is all a
 * test of submission needs. Needs root (the daemons switch to the uucp user).
 */
export async function startHylafax(): Promise<TestHylafax> {
  const dir = tempDir();
  // The daemons run as uucp: the spool keeps the package's owners (cp -a), and its parent is reachable.
  chmodSync(dir, 0o755);
  const spool = join(dir, 'hylafax');
  execFileSync('cp', ['-a', '/var/spool/hylafax', spool]);
  execFileSync('cp', ['-a', '/etc/hylafax/.', join(spool, 'etc')]);
  const hosts = join(spool, 'etc', 'hosts.hfaxd');
  writeFileSync(hosts, `${readFileSync(hosts, 'utf8')}\n127.0.0.1\n`);
  const port = await freePort();
  const procs: ChildProcess[] = [
    spawn('/usr/sbin/faxq', ['-D', '-q', spool], { stdio: ['ignore', 'ignore', 'pipe'] }),
    spawn('/usr/sbin/hfaxd', ['-d', '-q', spool, '-i', String(port)], { stdio: ['ignore', 'ignore', 'pipe'] }),
  ];
  let err = '';
  for (const p of procs) p.stderr?.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  const exited = procs.map((p) => new Promise<void>((r) => (p.exitCode !== null ? r() : p.once('exit', () => r()))));
  const stop = async () => {
    for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
    await Promise.all(exited);
  };
  for (let i = 0; !(await canConnect(port)); i++) {
    if (procs.some((p) => p.exitCode !== null) || i > 100) {
      await stop();
      throw new Error(`HylaFAX did not start: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const host = `localhost:${port}`;
  return {
    host,
    spool,
    jobs: async () => (await promisify(execFile)('faxstat', ['-h', host, '-s'])).stdout,
    documents: () =>
      readdirSync(join(spool, 'docq'))
        .filter((n) => n.startsWith('doc'))
        .sort()
        .map((n) => readFileSync(join(spool, 'docq', n))),
    stop,
  };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
