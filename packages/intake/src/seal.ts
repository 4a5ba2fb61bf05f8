import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip44 from 'nostr-tools/nip44';
import type { SealedContact } from './message.js';

/** NIP-44 v2 plaintexts are at most 65535 bytes. */
const MAX_PLAINTEXT = 65_535;

/**
 * Encrypts contact details to every desk member with NIP-44 v2 under a fresh key whose secret is
 * dropped at once: the node cannot read what it sealed, so neither can anyone who seizes it. Long
 * header lists are cut from the end until the JSON fits one NIP-44 payload.
 */
export function sealContact(contact: Record<string, unknown>, members: readonly string[]): SealedContact {
  if (members.length === 0) throw new Error('no desk members to seal contact details to');
  const plaintext = fit(contact);
  const sk = generateSecretKey();
  const to: Record<string, string> = {};
  for (const member of members) to[member] = nip44.encrypt(plaintext, nip44.getConversationKey(sk, member));
  const pubkey = getPublicKey(sk);
  sk.fill(0);
  return { pubkey, to };
}

/** A member's client opens the details with its own secret key. */
export function openContact(sealed: SealedContact, member: Uint8Array): Record<string, unknown> {
  const payload = sealed.to[getPublicKey(member)];
  if (!payload) throw new Error('these contact details were not sealed to this key');
  return JSON.parse(nip44.decrypt(payload, nip44.getConversationKey(member, sealed.pubkey))) as Record<string, unknown>;
}

function fit(contact: Record<string, unknown>): string {
  const copy = { ...contact };
  let json = JSON.stringify(copy);
  while (Buffer.byteLength(json) > MAX_PLAINTEXT) {
    const longest = Object.keys(copy).sort((a, b) => size(copy[b]) - size(copy[a]))[0] as string;
    const v = copy[longest];
    copy[longest] = Array.isArray(v) ? v.slice(0, Math.floor(v.length / 2)) : String(v).slice(0, 1024);
    copy.truncated = true;
    json = JSON.stringify(copy);
  }
  return json;
}

const size = (v: unknown) => JSON.stringify(v ?? '').length;
