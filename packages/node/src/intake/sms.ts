import type { Context, Hono } from 'hono';
import { readLimited } from '@lifeline/blossom';
import {
  NoDeskError,
  fetchTwilioMedia,
  smsSyncArrival,
  smsSyncResult,
  smsSyncSecretMatches,
  smsSyncTask,
  twilioArrival,
  verifyTwilio,
  type Arrival,
  type Intake,
} from '@lifeline/intake';
import { badRequest, httpError } from '../http/errors.js';
import type { OutgoingSms } from './reply.js';

/** Largest webhook form read (an SMS is at most a few KB even with every Twilio field). */
const MAX_FORM = 64 * 1024;

/** What the SMS webhooks need. */
export interface SmsDeps {
  intake: Intake;
  /** http(s) origin from --public-url; Twilio signs the URL it called, which a proxy may rewrite. */
  origin: string;
  twilioAuthToken: string;
  smsSyncSecret: string;
  /** Replies waiting for the SMSSync phone. */
  outbox?: OutgoingSms[];
  /** The Twilio account MMS media is fetched with (--intake-twilio-account-sid); absent: media stays at Twilio. */
  twilioMedia?: { apiUrl: string; accountSid: string; authToken: string; maxBytes: number };
}

/**
 * Incoming SMS: Twilio's webhook (signature checked before anything is read into the queue) and
 * SMSSync's post (shared secret). Each turned on by its own setting.
 */
export function smsRoutes(deps: SmsDeps) {
  return (app: Hono) => {
    if (deps.twilioAuthToken)
      app.post('/api/intake/sms/twilio', async (c) => {
        const form = await readForm(c);
        const requested = new URL(c.req.url);
        const url = deps.origin ? `${deps.origin}${requested.pathname}${requested.search}` : requested.href;
        if (!verifyTwilio(deps.twilioAuthToken, url, form, c.req.header('x-twilio-signature')))
          throw httpError('bad-signature');
        let arrival: Arrival;
        try {
          arrival = twilioArrival(form);
        } catch (err) {
          throw badRequest((err as Error).message);
        }
        if (deps.twilioMedia && Number(form.NumMedia) > 0) {
          // MMS: the pictures are fetched now and go through the media pipeline (metadata stripped) with the text.
          const media = await fetchTwilioMedia(form, deps.twilioMedia, {
            maxBytes: deps.twilioMedia.maxBytes,
            maxFiles: 10,
            timeoutMs: 30_000,
          });
          arrival.attachments.push(...media.files);
          if (media.dropped.length) arrival.contact.mediaDropped = media.dropped;
        }
        await receive(deps.intake, () => arrival);
        // An empty TwiML answer: no automatic reply, which could tell an onlooker the message arrived.
        return c.body('<?xml version="1.0" encoding="UTF-8"?><Response></Response>', 200, {
          'content-type': 'text/xml',
        });
      });
    if (deps.smsSyncSecret)
      app.post('/api/intake/sms/smssync', async (c) => {
        const form = await readForm(c);
        if (!smsSyncSecretMatches(deps.smsSyncSecret, form.secret))
          return c.json(smsSyncResult(false, 'the secret does not match'), 403);
        await receive(deps.intake, () => smsSyncArrival(form));
        return c.json(smsSyncResult(true));
      });
    if (deps.smsSyncSecret)
      // SMSSync polls for messages to send; the phone passes its secret, and gets each reply once.
      app.get('/api/intake/sms/smssync', (c) => {
        if (c.req.query('task') !== 'send') throw badRequest('SMSSync polls with ?task=send');
        if (!smsSyncSecretMatches(deps.smsSyncSecret, c.req.query('secret')))
          return c.json(smsSyncResult(false, 'the secret does not match'), 403);
        const messages = deps.outbox?.splice(0) ?? [];
        return c.json(smsSyncTask(deps.smsSyncSecret, messages), 200, { 'cache-control': 'no-store' });
      });
  };
}

/** Reads an application/x-www-form-urlencoded body (bounded) into name -> value. */
async function readForm(c: Context): Promise<Record<string, string>> {
  const read = await readLimited(c.req.raw.body, MAX_FORM);
  if (!read.ok)
    throw read.tooLarge ? httpError('too-large', `the form is over ${MAX_FORM} bytes`) : httpError('aborted');
  const form: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(read.bytes.toString('utf8'))) form[k] = v;
  return form;
}

/** Takes an arrival into the queue; a malformed one is 400, no desk is 503 (the gateway retries). */
export async function receive(intake: Intake, make: () => Arrival): Promise<void> {
  let arrival: Arrival;
  try {
    arrival = make();
  } catch (err) {
    throw badRequest((err as Error).message);
  }
  try {
    await intake.receive(arrival);
  } catch (err) {
    if (err instanceof NoDeskError) throw httpError('no-desk');
    throw err;
  }
}
