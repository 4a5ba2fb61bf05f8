import { getToken } from 'nostr-tools/nip98';
import { buildNote } from '@lifeline/client';
import { buildEntry, type Blog } from '@lifeline/liveblog';
import { currentSigner } from './session.js';

/** A review-queue message as the node's intake API returns it (docs/protocol.md). */
export interface IntakeMessage {
  id: string;
  channel: 'email' | 'sms' | 'fax';
  direction: 'in' | 'out';
  received: number;
  sender: string;
  status: 'new' | 'in-review' | 'published' | 'discarded';
  text: string;
  corrected: string | null;
  pages: string[];
  attachments: Array<{ id: string; type: string; page: number; url: string }>;
  /** The published event's id, once published. */
  published: string | null;
}

/** Why a queue request failed, as the node said it (401, 403, 422 …). */
export class IntakeError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** One request to the queue API, signed with the member's key (NIP-98; a payload hash for bodies). */
async function call(method: string, path: string, body?: unknown): Promise<Response> {
  const url = new URL(path, location.origin).href;
  const text = body === undefined ? undefined : JSON.stringify(body);
  const signer = currentSigner();
  const token = await getToken(
    url,
    method,
    (e) => signer.signEvent(e),
    true,
    text === undefined ? undefined : JSON.parse(text),
  );
  const res = await fetch(url, {
    method,
    ...(text === undefined ? {} : { body: text }),
    headers: {
      authorization: token,
      accept: 'application/json',
      ...(text ? { 'content-type': 'application/json' } : {}),
    },
  });
  if (!res.ok) {
    const err = (await res.json().catch(() => ({}))) as { message?: string };
    throw new IntakeError(res.status, err.message ?? res.statusText);
  }
  return res;
}

/** The queue, newest first, filtered by channel and status. */
export async function listIntake(filter: { channel?: string; status?: string }): Promise<IntakeMessage[]> {
  const q = new URLSearchParams({ limit: '100', ...filter });
  return ((await (await call('GET', `/api/intake/messages?${q}`)).json()) as { messages: IntakeMessage[] }).messages;
}

/** A page image or photo as an object URL (the request needs the member's token, so no plain <img src>). */
export async function attachmentUrl(path: string): Promise<string> {
  return URL.createObjectURL(await (await call('GET', path)).blob());
}

/** Saves the desk's corrected text and moves the message to "in review". */
export async function correctIntake(id: string, text: string): Promise<IntakeMessage> {
  return (
    (await (await call('PATCH', `/api/intake/messages/${id}`, { text, status: 'in-review' })).json()) as {
      message: IntakeMessage;
    }
  ).message;
}

/** Discards a message. */
export async function discardIntake(id: string): Promise<void> {
  await call('POST', `/api/intake/messages/${id}/discard`, {});
}

/** What the desk publishes: the text, an optional translation and redacted image, and where. */
export interface Publication {
  text: string;
  translation: string;
  image: string;
  /** Attribution in the UI language for a note ("via fax"); for an entry's `via` tag ("fax"). */
  attribution: string;
  source: string;
  /** A live-blog to publish into as an entry; a plain note when absent. */
  blog?: Blog;
}

/** Signs the publication (a note, or a live-blog entry with `via`), asks the node to publish it for this message, and returns the event's id. */
export async function publishIntakeAs(id: string, p: Publication): Promise<string> {
  const body = [p.text, p.translation].filter(Boolean).join('\n\n');
  const template = p.blog
    ? buildEntry(p.blog, {
        headline: (p.text.split('\n')[0] ?? '').slice(0, 140),
        body: [p.text.split('\n').slice(1).join('\n'), p.translation].filter(Boolean).join('\n\n'),
        via: p.source,
        images: p.image ? [{ url: p.image, alt: '' }] : [],
      })
    : withVia(buildNote({ content: `${p.image ? `${body}\n${p.image}` : body}\n\n— ${p.attribution}` }), p.source);
  const signed = await currentSigner().signEvent(template);
  await call('POST', `/api/intake/messages/${id}/publish`, { event: signed });
  return signed.id;
}

/** A note carries the channel as a `via` tag too, as a live-blog entry does, so a claim page can say "via fax". */
function withVia<T extends { tags: string[][] }>(template: T, via: string): T {
  return { ...template, tags: [...template.tags, ['via', via]] };
}

/**
 * Opens the message's sealed contact details on this device (NIP-44, with the member's own key)
 * and returns the sender's address; the node never sees it again except inside a reply request.
 */
export async function openSenderAddress(id: string): Promise<string> {
  const { contact } = (await (await call('GET', `/api/intake/messages/${id}`)).json()) as {
    contact: { pubkey: string; nip44: string } | null;
  };
  if (!contact) throw new IntakeError(403, 'The contact details were not sealed to this key.');
  const signer = currentSigner();
  if (!signer.nip44Decrypt) throw new IntakeError(0, 'no-nip44');
  const opened = JSON.parse(await signer.nip44Decrypt(contact.pubkey, contact.nip44)) as { address?: unknown };
  if (typeof opened.address !== 'string' || !opened.address)
    throw new IntakeError(0, 'The contact details name no address.');
  return opened.address;
}

/** Replies to the sender the way the message came, with the address opened on this device. */
export async function replyIntake(id: string, text: string): Promise<void> {
  const address = await openSenderAddress(id);
  await call('POST', `/api/intake/messages/${id}/reply`, { text, address });
}
