import { getPublicKey } from 'nostr-tools/pure';
import * as nip44 from 'nostr-tools/nip44';
import { decrypt as nip49Decrypt, encrypt as nip49Encrypt } from 'nostr-tools/nip49';
import type { KeyValueStore } from './storage.js';
import { VaultError } from './vault.js';

/*
 * A NIP-46 pairing at rest. The user's key is on the remote signer, but the client key that talks
 * to it is a secret too: whoever holds it can ask the signer for signatures, and signers usually
 * approve a known client without asking again. So it is kept as the vault keeps a key: NIP-49
 * encrypted under the user's passphrase. Which signer, which relays and whose account are encrypted
 * as well (NIP-44, to the client key itself), so a seized device shows only that a pairing exists.
 */

const KEY = 'nip46:ncryptsec';
const POINTER = 'nip46:pairing';

/** Where the remote signer listens: its public key and relays (from bunker:// or nostrconnect://). */
export interface BunkerPointer {
  pubkey: string;
  relays: string[];
}

/** A pairing: the client key, the signer it talks to, and the user's public key (signing as). */
export interface Pairing {
  clientSecret: Uint8Array;
  signer: BunkerPointer;
  user: string;
}

/** True when this device holds an (encrypted) NIP-46 pairing. */
export async function hasPairing(store: KeyValueStore): Promise<boolean> {
  return (await store.get(KEY)) !== undefined;
}

/** Stores `pairing` under `passphrase` (at least 8 characters); `logN` is NIP-49's scrypt cost. */
export async function savePairing(store: KeyValueStore, pairing: Pairing, passphrase: string, logN = 16) {
  if (passphrase.length < 8) throw new VaultError('weak-passphrase', 'Use a passphrase of at least 8 characters.');
  const self = nip44.getConversationKey(pairing.clientSecret, getPublicKey(pairing.clientSecret));
  const sealed = nip44.encrypt(JSON.stringify({ signer: pairing.signer, user: pairing.user }), self);
  await store.set(POINTER, sealed);
  await store.set(KEY, nip49Encrypt(pairing.clientSecret, passphrase, logN));
}

/** Opens the stored pairing; VaultError 'wrong-passphrase' or 'no-key' otherwise. */
export async function openPairing(store: KeyValueStore, passphrase: string): Promise<Pairing> {
  const ncryptsec = await store.get(KEY);
  const sealed = await store.get(POINTER);
  if (ncryptsec === undefined || sealed === undefined)
    throw new VaultError('no-key', 'No remote signer is paired on this device.');
  let clientSecret: Uint8Array;
  try {
    clientSecret = nip49Decrypt(ncryptsec, passphrase);
  } catch {
    throw new VaultError('wrong-passphrase', 'Wrong passphrase.');
  }
  const self = nip44.getConversationKey(clientSecret, getPublicKey(clientSecret));
  const { signer, user } = JSON.parse(nip44.decrypt(sealed, self)) as Omit<Pairing, 'clientSecret'>;
  return { clientSecret, signer, user };
}

/** Forgets the pairing (the wipe removes it with everything else; this is for replacing it). */
export async function forgetPairing(store: KeyValueStore): Promise<void> {
  await store.delete(KEY);
  await store.delete(POINTER);
}
