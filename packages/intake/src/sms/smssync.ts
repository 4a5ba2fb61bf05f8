import { timingSafeEqual } from 'node:crypto';
import type { Arrival } from '../message.js';

/**
 * SMSSync (Ushahidi's open-source Android SMS gateway) posts each incoming SMS as a form with
 * `from`, `message`, `message_id`, `sent_to`, `sent_timestamp`, `device_id` and the shared
 * `secret`, and expects `{"payload":{"success":true}}` back. It polls `?task=send` for messages to
 * send, which is how the desk's replies leave through the same phone.
 */
export function smsSyncArrival(form: Record<string, string>): Arrival {
  const from = form.from ?? '';
  if (!from) throw new Error('the SMSSync post has no from');
  const contact: Record<string, unknown> = {};
  for (const k of ['from', 'sent_to', 'message_id', 'device_id', 'sent_timestamp']) if (form[k]) contact[k] = form[k];
  return { channel: 'sms', via: 'smssync', address: from, contact, text: form.message ?? '', attachments: [] };
}

/** Compares the gateway's secret in constant time. */
export function smsSyncSecretMatches(expected: string, got: string | undefined): boolean {
  if (!expected || got === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(got);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The reply SMSSync expects after a post. */
export const smsSyncResult = (success: boolean, error: string | null = null) => ({ payload: { success, error } });

/** The answer to SMSSync's `?task=send` poll: messages for the phone to send. */
export function smsSyncTask(secret: string, messages: Array<{ to: string; message: string; uuid: string }>) {
  return { payload: { task: 'send', secret, messages } };
}
