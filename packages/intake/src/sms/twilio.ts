import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Arrival } from '../message.js';

/**
 * Twilio's request signature: HMAC-SHA1, keyed by the auth token, of the full URL Twilio called
 * followed by every POST parameter as name then value, names sorted; base64.
 * (https://www.twilio.com/docs/usage/security#validating-requests)
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string | string[]>): string {
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const name of Object.keys(params).sort()) {
    const v = params[name];
    // A repeated parameter contributes each value, in sorted order.
    for (const value of Array.isArray(v) ? [...v].sort() : [v]) hmac.update(name + value, 'utf8');
  }
  return hmac.digest('base64');
}

/** True when `header` is the signature of this request (compared in constant time). */
export function verifyTwilio(
  authToken: string,
  url: string,
  params: Record<string, string | string[]>,
  header: string | undefined,
): boolean {
  if (!header) return false;
  const want = Buffer.from(twilioSignature(authToken, url, params));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** Twilio's incoming-message webhook as an arrival: Body is the text; From and every routing field are sealed. */
export function twilioArrival(params: Record<string, string>): Arrival {
  const from = params.From ?? '';
  if (!from) throw new Error('the webhook has no From');
  const contact: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(params)) if (k !== 'Body') contact[k] = v;
  // MMS media (MediaUrl0..N) is fetched by the node with the account credentials (twilio-media.ts) when an account SID is set.
  return { channel: 'sms', via: 'twilio', address: from, contact, text: params.Body ?? '', attachments: [] };
}
