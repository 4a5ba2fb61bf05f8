import { createHmac } from 'node:crypto';
import type { Channel } from './message.js';

const PERSIAN_DIGITS = /[\u06f0-\u06f9\u0660-\u0669]/g;

/** Persian and Arabic-Indic digits as ASCII, so a number typed either way is one sender. */
const asciiDigits = (s: string) => s.replace(PERSIAN_DIGITS, (d) => String((d.codePointAt(0) as number) & 0xf));

/**
 * The canonical form of an address: email lowercased (local part included: providers that are
 * case-sensitive are vanishingly rare, and one witness must stay one thread); phone and fax numbers
 * as `+` and digits, with a leading international `00` read as `+`. SMS and fax share the phone
 * form, so a witness who texts and faxes from one number is one sender.
 */
export function normaliseAddress(channel: Channel, address: string): string {
  const a = asciiDigits(address.normalize('NFKC')).trim();
  if (channel === 'email')
    return `mailto:${a
      .replace(/^.*<([^>]*)>.*$/, '$1')
      .trim()
      .toLowerCase()}`;
  let digits = a.replace(/[^\d+]/g, '');
  if (digits.startsWith('00')) digits = `+${digits.slice(2)}`;
  return `tel:${digits.startsWith('+') ? `+${digits.replace(/\+/g, '')}` : digits.replace(/\+/g, '')}`;
}

/** The pseudonymous sender id: HMAC-SHA256 of the normalised address under the node's secret, hex. */
export function senderId(secret: Uint8Array, channel: Channel, address: string): string {
  return createHmac('sha256', secret).update(normaliseAddress(channel, address)).digest('hex').slice(0, 32);
}
