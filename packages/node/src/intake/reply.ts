import type { Context, Hono } from 'hono';
import { FaxTooLongError, sealContact, senderId, type Intake, type IntakeStore, type Message } from '@lifeline/intake';
import { nowSeconds } from '@lifeline/nostr';
import { badRequest, httpError, notFound } from '../http/errors.js';
import { memberJson, type IntakeDeps } from './context.js';

/** An SMS waiting for an SMSSync phone to collect it (kept in memory only: the number is never written down). */
export interface OutgoingSms {
  to: string;
  message: string;
  uuid: string;
}

/** Sends one reply to an address; rejects with the gateway's reason. */
type Send = (to: string, text: string) => Promise<void>;

/** How replies leave, per gateway; a gateway without its settings has none. */
export interface Repliers {
  /** Through the operator's relay (--intake-reply-smtp-url). */
  email?: Send;
  /** SMS for SMSSync phones to collect on their next `?task=send` poll. */
  smssync?: OutgoingSms[];
  /** Twilio's Messages API (--intake-twilio-account-sid, --intake-twilio-from). */
  twilio?: Send;
  /** gammu-smsd's outbox (--intake-gammu-smsdrc). */
  gammu?: Send;
  /** A fax rendered on the node, sent through Telnyx (--intake-telnyx-api-key). */
  telnyx?: Send;
  /** A fax rendered on the node, submitted to HylaFAX with sendfax (--intake-sendfax). */
  hylafax?: Send;
}

/** Longest reply per channel: a long email; ten concatenated SMS; about two fax pages. */
const LIMITS = { email: 20_000, sms: 1_600, fax: 6_000 } as const;

/**
 * POST /api/intake/messages/<id>/reply `{text, address}`: the member's client opened the sealed
 * contact details and sends the address back; the node checks it is this thread's sender (its
 * HMAC must match, so the node cannot be used to write to anyone else), sends the reply the way
 * the message came, and records it in the thread with the address sealed again.
 */
export function replyRoutes(deps: IntakeDeps & { members: () => Promise<readonly string[]>; repliers: Repliers }) {
  return (app: Hono) => {
    app.post('/api/intake/messages/:id/reply', async (c: Context) => {
      const { body } = await memberJson(c, deps);
      const id = c.req.param('id') ?? '';
      const m = /^[0-9a-f]{32}$/.test(id) ? deps.store.get(id) : undefined;
      if (m?.direction !== 'in') throw notFound('no such intake message');
      const text = typeof body.text === 'string' ? body.text.trim() : '';
      const address = typeof body.address === 'string' ? body.address.trim() : '';
      if (!text) throw badRequest('text is required');
      if (text.length > (LIMITS[m.channel] || Number.POSITIVE_INFINITY))
        throw badRequest(`a ${m.channel} reply is at most ${LIMITS[m.channel]} characters`);
      if (!address)
        throw badRequest("address is required: the sender's address, opened from the sealed contact details");
      if (!['email' as const, 'sms' as const].some((ch) => senderId(deps.secret, ch, address) === m.sender))
        throw httpError('not-the-sender');
      await send(m, address, text, deps.repliers);
      const out = await record(deps.store, deps.intake, m, address, text, deps.members);
      return c.json({ message: out }, 200, { 'cache-control': 'no-store' });
    });
  };
}

/** Sends the reply the way the message came; a gateway's refusal is 502, no way out 409. */
async function send(m: Message, address: string, text: string, repliers: Repliers): Promise<void> {
  if (m.via === 'smssync' && repliers.smssync) {
    repliers.smssync.push({ to: address, message: text, uuid: crypto.randomUUID() });
    return;
  }
  const way = m.via ? wayOut(m.via, repliers) : undefined;
  if (!way)
    throw httpError('reply-unavailable', `replies through ${m.via ?? 'this channel'} are not available on this node`);
  await way.send(address, text).catch((err: Error) => {
    if (err instanceof FaxTooLongError) throw badRequest(err.message);
    throw httpError('upstream', `${way.name} refused the reply: ${err.message}`);
  });
}

function wayOut(via: NonNullable<Message['via']>, r: Repliers): { name: string; send: Send } | undefined {
  const ways: Partial<Record<NonNullable<Message['via']>, { name: string; send: Send | undefined }>> = {
    smtp: { name: 'the mail relay', send: r.email },
    imap: { name: 'the mail relay', send: r.email },
    twilio: { name: 'Twilio', send: r.twilio },
    gammu: { name: 'gammu-smsd', send: r.gammu },
    // A fax is answered by fax: the way it came in, else the other fax gateway the node has.
    hylafax: r.hylafax ? { name: 'HylaFAX', send: r.hylafax } : { name: 'Telnyx', send: r.telnyx },
    telnyx: r.telnyx ? { name: 'Telnyx', send: r.telnyx } : { name: 'HylaFAX', send: r.hylafax },
  };
  const way = ways[via];
  return way?.send ? { name: way.name, send: way.send } : undefined;
}

/** The reply as an outgoing message in the thread, its address sealed like any contact detail. */
async function record(
  store: IntakeStore,
  _intake: Intake,
  m: Message,
  address: string,
  text: string,
  members: () => Promise<readonly string[]>,
) {
  return store.add({
    channel: m.channel,
    direction: 'out',
    via: 'desk',
    received: nowSeconds(),
    sender: m.sender,
    text,
    pages: [],
    contact: sealContact({ address }, await members()),
    guards: [],
    files: [],
  });
}
