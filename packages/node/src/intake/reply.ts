import type { Context, Hono } from 'hono';
import { sealContact, senderId, type Intake, type IntakeStore, type Message } from '@lifeline/intake';
import { nowSeconds } from '@lifeline/nostr';
import { badRequest, httpError, notFound } from '../http/errors.js';
import { memberJson, type IntakeDeps } from './context.js';

/** An SMS waiting for an SMSSync phone to collect it (kept in memory only: the number is never written down). */
export interface OutgoingSms {
  to: string;
  message: string;
  uuid: string;
}

/** How replies leave, per gateway. */
export interface Repliers {
  /** Sends an email reply through the operator's relay; absent when --intake-reply-smtp-url is not set. */
  email?: (to: string, text: string) => Promise<void>;
  /** SMS for SMSSync phones to collect on their next `?task=send` poll. */
  smssync?: OutgoingSms[];
}

const LIMITS = { email: 20_000, sms: 1_600, fax: 0 } as const;

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

async function send(m: Message, address: string, text: string, repliers: Repliers): Promise<void> {
  if ((m.via === 'smtp' || m.via === 'imap') && repliers.email) {
    await repliers.email(address, text).catch(() => {
      throw httpError('upstream', 'the mail relay refused the reply');
    });
    return;
  }
  if (m.via === 'smssync' && repliers.smssync) {
    repliers.smssync.push({ to: address, message: text, uuid: crypto.randomUUID() });
    return;
  }
  throw httpError('reply-unavailable', `replies through ${m.via ?? 'this channel'} are not available on this node`);
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
