import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gammuArrivals, type Arrival } from '@lifeline/intake';
import { UsageError, parseArgs } from '../args.js';
import type { Command } from './command.js';

/**
 * `lifeline intake sms|fax`: hands what a local gateway received to the running node over
 * loopback, for gammu-smsd's RunOnReceive and HylaFAX's faxrcvd. Both hooks must return quickly
 * and have no terminal, so this only posts and exits.
 */
export const intake: Command = {
  usage: 'intake sms | intake fax FILE [--from NUMBER] [--data DIR] [--url URL]',
  about: `Hands a received SMS or fax to the node running on this machine (it needs --intake-local).
"intake sms" reads gammu-smsd's RunOnReceive environment (SMS_MESSAGES, SMS_1_NUMBER, SMS_1_TEXT,
DECODED_1_TEXT ...): set RunOnReceive = lifeline intake sms --data /var/lib/lifeline in gammu-smsdrc.
"intake fax FILE" sends a received fax (TIFF or PDF), e.g. from HylaFAX's FaxDispatch/faxrcvd with
--from "$CIDNUMBER". The token in <data>/intake/local-token authorizes the hand-over.`,
  flags: {
    data: { kind: 'string', value: 'DIR', description: "the node's data directory (default ./data), for the token" },
    url: { kind: 'string', value: 'URL', description: "the node's HTTP address (default http://127.0.0.1:7447)" },
    from: { kind: 'string', value: 'NUMBER', description: 'fax: the caller id, when the modem or provider gave one' },
  },
  async run(argv, io) {
    const { flags, positional } = parseArgs(argv, this.flags);
    const [what, file, ...extra] = positional;
    if (extra.length) throw new UsageError(`unexpected argument ${extra[0]}`);
    const base = ((flags.url as string | undefined) ?? 'http://127.0.0.1:7447').replace(/\/$/, '');
    const data = (flags.data as string | undefined) ?? './data';
    let token: string;
    try {
      token = readFileSync(join(data, 'intake', 'local-token'), 'utf8').trim();
    } catch {
      io.err(
        `cannot read ${join(data, 'intake', 'local-token')}: is the node running with --intake-local on this --data?`,
      );
      return 1;
    }
    let arrivals: Array<Omit<Arrival, 'attachments'> & { files?: unknown[] }>;
    if (what === 'sms') {
      if (file) throw new UsageError(`unexpected argument ${file}`);
      arrivals = gammuArrivals(process.env);
      if (arrivals.length === 0) {
        io.err('no message in the environment (SMS_MESSAGES): run this from gammu-smsd RunOnReceive');
        return 1;
      }
    } else if (what === 'fax') {
      if (!file) throw new UsageError('intake fax needs the received FILE (TIFF or PDF)');
      const bytes = readFileSync(file);
      const from = (flags.from as string | undefined) ?? '';
      arrivals = [
        {
          channel: 'fax',
          via: 'hylafax',
          address: from || 'unknown',
          contact: { callerId: from },
          text: '',
          files: [{ name: basename(file), type: '', base64: bytes.toString('base64') }],
        },
      ];
    } else throw new UsageError('say what arrived: lifeline intake sms, or lifeline intake fax FILE');
    for (const a of arrivals) {
      const res = await fetch(`${base}/api/intake/local`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(a),
      }).catch((err: Error) => err);
      if (res instanceof Error) {
        io.err(`the node at ${base} did not answer: ${res.message}`);
        return 1;
      }
      if (!res.ok) {
        io.err(`the node refused the message: ${res.status} ${(await res.text()).trim()}`);
        return 1;
      }
    }
    io.err(`handed ${arrivals.length} message(s) to the review queue`);
    return 0;
  },
};
