import { simpleParser, type AddressObject } from 'mailparser';
import type { Arrival } from '../message.js';

/** Headers that identify the sender or their path: kept only in the sealed contact details. */
const IDENTIFYING = [
  'from',
  'sender',
  'reply-to',
  'return-path',
  'received',
  'message-id',
  'x-originating-ip',
  'x-mailer',
  'user-agent',
];

/** Most attachments one email may carry into the queue; the rest are counted, not kept. */
export const MAX_ATTACHMENTS = 20;

/**
 * Parses a raw email (RFC 5322, any MIME structure mailparser can read, odd charsets decoded)
 * into an arrival: the subject and text body as the message text, attachments as files, and
 * every identifying header into the contact details. `envelopeFrom` (SMTP MAIL FROM) is the
 * fallback address for mail without a usable From.
 */
export async function emailToArrival(raw: Buffer, envelopeFrom = ''): Promise<Arrival> {
  const mail = await simpleParser(raw, {
    skipHtmlToText: false,
    skipTextToHtml: true,
    skipImageLinks: true,
    maxHtmlLengthToParse: 2_000_000,
  });
  const from = firstAddress(mail.from) || envelopeFrom;
  if (!from) throw new Error('the email has no sender address');
  const contact: Record<string, unknown> = { envelopeFrom };
  for (const name of IDENTIFYING) {
    const lines = mail.headerLines.filter((h) => h.key === name).map((h) => h.line.slice(0, 2000));
    if (lines.length) contact[name] = lines;
  }
  const subject = (mail.subject ?? '').trim();
  const body = (mail.text ?? '').trim();
  const attachments = mail.attachments.slice(0, MAX_ATTACHMENTS).map((a) => ({
    name: a.filename ?? 'attachment',
    type: a.contentType,
    bytes: a.content,
  }));
  if (mail.attachments.length > MAX_ATTACHMENTS) contact.attachmentsNotKept = mail.attachments.length - MAX_ATTACHMENTS;
  return {
    channel: 'email',
    address: from,
    contact,
    text: subject && body ? `${subject}\n\n${body}` : subject || body,
    attachments,
  };
}

function firstAddress(a: AddressObject | AddressObject[] | undefined): string {
  const list = Array.isArray(a) ? a : a ? [a] : [];
  for (const group of list) for (const v of group.value) if (v.address) return v.address;
  return '';
}
