import { spawn } from 'node:child_process';

/** Where HylaFAX is: its `sendfax` client and the server it submits to. */
export interface HylafaxServer {
  /** The sendfax program (Debian hylafax-client). */
  command: string;
  /** host[:port] of hfaxd; empty: sendfax's own default (FAXSERVER, else localhost). */
  host: string;
}

/**
 * Submits a fax to HylaFAX: `sendfax [-h host] -n -d <number>` with the document (a multi-page
 * G4 TIFF) on stdin, no cover page (sendfax(1)). HylaFAX's scheduler dials and retries on its own;
 * this resolves once the job is queued, with sendfax's "request id is N" line.
 */
export function hylafaxSend(server: HylafaxServer, number: string, tiff: Buffer, timeoutMs = 60_000): Promise<string> {
  const dial = number.replace(/[^\d+]/g, '');
  if (!/^\+?\d{3,20}$/.test(dial)) return Promise.reject(new Error('fax replies need a fax number'));
  return new Promise((resolve, reject) => {
    const args = [...(server.host ? ['-h', server.host] : []), '-n', '-d', dial];
    const child = spawn(server.command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.stderr.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-4000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new Error(e.code === 'ENOENT' ? `${server.command} is not installed (Debian: hylafax-client)` : e.message),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const id = /request id is (\d+)/.exec(out)?.[1];
      if (code !== 0 || !id) return reject(new Error(`sendfax failed: ${out.trim().split('\n').pop() ?? code}`));
      resolve(id);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(tiff);
  });
}
