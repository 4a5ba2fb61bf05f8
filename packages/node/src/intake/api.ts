import type { Context, Hono } from 'hono';
import { CHANNELS, STATUSES, leaks, type Channel, type Message, type Status } from '@lifeline/intake';
import { validateEventShape, nowSeconds } from '@lifeline/nostr';
import { badRequest, httpError, notFound } from '../http/errors.js';
import { member, memberJson, type IntakeDeps } from './context.js';

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * The review queue's HTTP API (docs/protocol.md, "Intake review queue"): list, read, correct, set
 * status, discard and publish. Every route needs a desk member's NIP-98 token. Contact details
 * leave only sealed, and only the requesting member's own ciphertext.
 */
export function queueRoutes(deps: IntakeDeps) {
  return (app: Hono) => {
    app.get('/api/intake/messages', (c) => {
      member(c, deps);
      const q = c.req.query();
      const limit = q.limit === undefined ? 50 : Number(q.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 200)
        throw badRequest('limit must be an integer from 1 to 200');
      if (q.channel !== undefined && !CHANNELS.includes(q.channel as Channel))
        throw badRequest(`channel must be one of ${CHANNELS.join(', ')}`);
      if (q.status !== undefined && !STATUSES.includes(q.status as Status))
        throw badRequest(`status must be one of ${STATUSES.join(', ')}`);
      if (q.before !== undefined && !/^\d{1,15}:\d{1,15}$/.test(q.before))
        throw badRequest('before must be a cursor from a previous page');
      const page = deps.store.list({
        limit,
        ...(q.channel ? { channel: q.channel as Channel } : {}),
        ...(q.status ? { status: q.status as Status } : {}),
        ...(q.sender ? { sender: q.sender } : {}),
        ...(q.before ? { before: q.before } : {}),
      });
      return c.json({ messages: page.messages.map(view), cursor: page.cursor }, 200, NO_STORE);
    });

    app.get('/api/intake/messages/:id', (c) => {
      const who = member(c, deps);
      const m = found(deps, c.req.param('id'));
      const sealed = deps.store.contact(m.id);
      const mine = sealed?.to[who];
      return c.json({ message: view(m), contact: mine ? { pubkey: sealed.pubkey, nip44: mine } : null }, 200, NO_STORE);
    });

    app.get('/api/intake/attachments/:id', async (c) => {
      member(c, deps);
      const file = deps.store.file(c.req.param('id'));
      if (!file) throw notFound();
      const { readFile } = await import('node:fs/promises');
      const bytes = await readFile(file.path);
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': file.type,
        'content-security-policy': "sandbox; default-src 'none'",
        ...NO_STORE,
      });
    });

    app.patch('/api/intake/messages/:id', async (c) => {
      const { body } = await memberJson(c, deps);
      const m = found(deps, c.req.param('id'));
      const patch: { status?: Status; corrected?: string | null } = {};
      if ('text' in body) {
        if (body.text !== null && typeof body.text !== 'string') throw badRequest('text must be a string or null');
        patch.corrected = body.text as string | null;
      }
      if ('status' in body) {
        if (body.status !== 'new' && body.status !== 'in-review' && body.status !== 'discarded')
          throw badRequest('status may be set to new, in-review or discarded; publish with POST …/publish');
        patch.status = body.status;
      }
      if (m.status === 'published') throw httpError('bad-request', 'a published message cannot be changed');
      return c.json({ message: view(deps.store.update(m.id, patch, nowSeconds()) as Message) }, 200, NO_STORE);
    });

    app.post('/api/intake/messages/:id/discard', async (c) => {
      await memberJson(c, deps);
      const m = found(deps, c.req.param('id'));
      if (m.status === 'published') throw badRequest('a published message cannot be discarded');
      return c.json(
        { message: view(deps.store.update(m.id, { status: 'discarded' }, nowSeconds()) as Message) },
        200,
        NO_STORE,
      );
    });

    app.post('/api/intake/messages/:id/publish', (c) => publish(c, deps));
  };
}

/**
 * Publishing: the member's client built and signed the event (a post or a live-blog entry); the
 * node checks it is theirs and carries none of the sender's contact details, then hands it to the
 * relay's one way in.
 */
async function publish(c: Context, deps: IntakeDeps): Promise<Response> {
  const { member: who, body } = await memberJson(c, deps);
  const m = found(deps, c.req.param('id') ?? '');
  if (m.status === 'published' || m.status === 'discarded') throw badRequest(`the message is already ${m.status}`);
  const shape = validateEventShape(body.event, { maxTags: 2000, maxContentLength: 65536 });
  if (!shape.ok) throw badRequest(`event: ${shape.reason.replace(/^invalid: /, '')}`);
  const event = shape.event;
  if (event.pubkey !== who) throw badRequest('the event must be signed by the publishing member');
  const text = [event.content, ...event.tags.flat()].join('\n');
  if (leaks(deps.secret, deps.store.guards(m.sender), text)) throw httpError('contact-leak');
  const result = await deps.addEvent(event);
  if (!result.ok) throw badRequest(`the relay refused the event: ${result.message}`);
  const updated = deps.store.update(m.id, { status: 'published', published: event.id }, nowSeconds()) as Message;
  return c.json({ message: view(updated), relay: result }, 200, NO_STORE);
}

function found(deps: IntakeDeps, id: string): Message {
  const m = /^[0-9a-f]{32}$/.test(id) ? deps.store.get(id) : undefined;
  if (!m) throw notFound('no such intake message');
  return m;
}

/** A message as the API shows it: attachments as URLs on this node. */
function view(m: Message) {
  return {
    ...m,
    attachments: m.attachments.map((a) => ({ ...a, url: `/api/intake/attachments/${a.id}` })),
  };
}
