import { lastLine, runTool } from '../run-tool.js';

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
export async function hylafaxSend(
  server: HylafaxServer,
  number: string,
  tiff: Buffer,
  timeoutMs = 60_000,
): Promise<string> {
  const dial = number.replace(/[^\d+]/g, '');
  if (!/^\+?\d{3,20}$/.test(dial)) throw new Error('fax replies need a fax number');
  const args = [...(server.host ? ['-h', server.host] : []), '-n', '-d', dial];
  const run = await runTool({ command: server.command, args, input: tiff, timeoutMs, debian: 'hylafax-client' });
  const id = /request id is (\d+)/.exec(run.tail)?.[1];
  if (run.code !== 0 || !id) throw new Error(`sendfax failed: ${lastLine(run)}`);
  return id;
}
