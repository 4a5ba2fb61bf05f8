import { readLimited } from '@lifeline/blossom';
import type { IncomingFile } from '../message.js';
import { twilioBasicAuth, type TwilioAccount } from './twilio-send.js';

/** Limits on MMS media fetched from Twilio. */
export interface TwilioMediaLimits {
  /** Largest file, in bytes; a larger one is cut off while streaming. */
  maxBytes: number;
  /** Files taken from one message (Twilio sends at most 10). */
  maxFiles: number;
  timeoutMs: number;
}

/** What came of an MMS's media: the files fetched, and why the others were not. */
export interface TwilioMedia {
  files: IncomingFile[];
  /** One line per file not taken (index and reason); it goes into the sealed details. */
  dropped: string[];
}

/**
 * Downloads an MMS's media (`MediaUrl0..N-1`, `NumMedia`) with the account's basic auth, each
 * bounded in size and time. Only URLs under this account on the configured API origin are
 * fetched: a signed webhook still must not make the node fetch anything else. Twilio answers
 * with a redirect to its CDN, which fetch follows without the Authorization header (it is
 * dropped on a cross-origin redirect). The files then go through the media pipeline like any other.
 */
export async function fetchTwilioMedia(
  form: Record<string, string>,
  account: Pick<TwilioAccount, 'apiUrl' | 'accountSid' | 'authToken'>,
  limits: TwilioMediaLimits,
): Promise<TwilioMedia> {
  const out: TwilioMedia = { files: [], dropped: [] };
  const count = Math.min(Number(form.NumMedia ?? 0) || 0, 10);
  const origin = new URL(account.apiUrl).origin;
  const prefix = `/2010-04-01/Accounts/${account.accountSid}/`;
  for (let i = 0; i < count; i++) {
    const raw = form[`MediaUrl${i}`] ?? '';
    if (i >= limits.maxFiles) {
      out.dropped.push(`media ${i}: over the limit of ${limits.maxFiles} files`);
      continue;
    }
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    if (!url || url.origin !== origin || !url.pathname.startsWith(prefix)) {
      out.dropped.push(`media ${i}: not a media URL of this Twilio account`);
      continue;
    }
    const got = await fetchOne(url, account, limits).catch((e: Error) => e);
    if (got instanceof Error) out.dropped.push(`media ${i}: ${got.message}`);
    else out.files.push({ name: `mms-${i}`, type: form[`MediaContentType${i}`] ?? '', bytes: got });
  }
  return out;
}

async function fetchOne(url: URL, account: Pick<TwilioAccount, 'accountSid' | 'authToken'>, limits: TwilioMediaLimits) {
  const res = await fetch(url, {
    headers: { authorization: twilioBasicAuth(account) },
    signal: AbortSignal.timeout(limits.timeoutMs),
    redirect: 'follow',
  }).catch((e: Error) => {
    throw new Error(e.name === 'TimeoutError' ? 'timed out' : 'could not be fetched');
  });
  if (!res.ok) throw new Error(`Twilio answered ${res.status}`);
  const read = await readLimited(res.body, limits.maxBytes);
  if (!read.ok) throw new Error(read.tooLarge ? `over ${limits.maxBytes} bytes` : 'the download broke off');
  return read.bytes;
}
