import { decode } from 'nostr-tools/nip19';
import { decrypt } from 'nostr-tools/nip49';
import { isHex64 } from '@lifeline/nostr';

/** A key that could not be read; the message says what was wrong without echoing the secret. */
export class KeyError extends Error {
  override name = 'KeyError';
}

/** True when the key is NIP-49 encrypted and needs a passphrase. */
export function isEncryptedKey(input: string): boolean {
  return input.trim().startsWith('ncryptsec1');
}

/** Decodes an nsec, NIP-49 ncryptsec (with its passphrase) or 64-character hex secret key. */
export function parseSecretKey(input: string, passphrase?: string): Uint8Array {
  const key = input.trim();
  if (isHex64(key.toLowerCase())) return Uint8Array.from(Buffer.from(key, 'hex'));
  if (key.startsWith('npub1'))
    throw new KeyError('this is a public key (npub); a secret key (nsec or ncryptsec) is needed');
  if (key.startsWith('nsec1')) {
    try {
      const decoded = decode(key);
      if (decoded.type === 'nsec') return decoded.data;
    } catch {
      // fall through to the one message below
    }
    throw new KeyError('the nsec is malformed (bad checksum or length)');
  }
  if (key.startsWith('ncryptsec1')) {
    if (passphrase === undefined) throw new KeyError('the key is encrypted (ncryptsec); give its passphrase');
    try {
      return decrypt(key, passphrase);
    } catch {
      throw new KeyError('could not decrypt the ncryptsec: wrong passphrase or damaged key');
    }
  }
  throw new KeyError('unrecognized key: expected nsec1…, ncryptsec1… or 64 hex characters');
}
