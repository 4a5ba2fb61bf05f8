import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { decode as nip19Decode, npubEncode } from 'nostr-tools/nip19';
import * as nip44 from 'nostr-tools/nip44';
import { decrypt as nip49Decrypt, encrypt as nip49Encrypt } from 'nostr-tools/nip49';
import { isHex64 } from '@lifeline/nostr';
import type { KeyValueStore } from './storage.js';
import type { EventTemplate, SignedEvent } from './types.js';

/*
 * The secret key lives at rest ONLY as a NIP-49 ncryptsec (scrypt + XChaCha20-Poly1305). The
 * public key is deliberately not stored beside it: a seized device then does not say whose key it
 * holds without the passphrase.
 */

/** Storage key of the ncryptsec. */
const VAULT_KEY = 'vault:ncryptsec';

/** What the backup screen shows after create/import. */
export interface VaultBackup {
  npub: string;
  pubkey: string;
  ncryptsec: string;
}

/** Raised for every expected vault failure, with a message fit for the user. */
export class VaultError extends Error {
  constructor(
    readonly code: 'no-key' | 'wrong-passphrase' | 'locked' | 'bad-key' | 'weak-passphrase' | 'exists',
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

/** Options for createVault. */
export interface VaultOptions {
  store: KeyValueStore;
  /** scrypt cost exponent (NIP-49 log_n); 16 by default, lower only in tests. */
  logN?: number;
  /** Secret key generator (tests inject one to observe zeroing). */
  generate?: () => Uint8Array;
}

/** The key vault: one encrypted secret key, unlocked into memory only while in use. */
export interface Vault {
  /** True when an ncryptsec is stored. */
  hasKey(): Promise<boolean>;
  /** Generates a new key, stores it under `passphrase`, leaves the vault unlocked. */
  create(passphrase: string, opts?: { replace?: boolean }): Promise<VaultBackup>;
  /** Stores an nsec or hex key under `passphrase`, or an ncryptsec that `passphrase` opens; leaves it unlocked. */
  importKey(secret: string, passphrase: string, opts?: { replace?: boolean }): Promise<VaultBackup>;
  /** Decrypts the stored key into memory; throws VaultError('wrong-passphrase') on a wrong one. */
  unlock(passphrase: string): Promise<{ pubkey: string; npub: string }>;
  /** Overwrites the in-memory secret key with zeros and forgets it. */
  lock(): void;
  isLocked(): boolean;
  /** The unlocked key's hex public key (throws when locked). */
  getPublicKey(): string;
  /** Signs a template with the unlocked key (throws when locked). */
  signEvent(template: EventTemplate): SignedEvent;
  /** Opens a NIP-44 v2 payload `peer` encrypted to this key (throws when locked or when it does not open). */
  nip44Decrypt(peer: string, payload: string): string;
  /** The stored ncryptsec, for a backup (safe to show: it is encrypted). */
  exportNcryptsec(): Promise<string>;
  /** Re-encrypts the stored key under a new passphrase (the old one must open it). */
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
  /** Locks and removes the key from storage. */
  wipe(): Promise<void>;
}

/** Parses an nsec or 64-hex secret key; throws VaultError('bad-key') otherwise. */
function parseSecretKey(input: string): Uint8Array {
  const s = input.trim();
  if (isHex64(s.toLowerCase())) return Uint8Array.from(s.match(/../g)!.map((h) => parseInt(h, 16)));
  if (s.startsWith('nsec1')) {
    try {
      const decoded = nip19Decode(s);
      if (decoded.type === 'nsec') return decoded.data;
    } catch {
      // fall through to the error below
    }
  }
  throw new VaultError('bad-key', 'Not a valid secret key: expected nsec1…, ncryptsec1… or 64 hex digits.');
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8) {
    throw new VaultError('weak-passphrase', 'Use a passphrase of at least 8 characters.');
  }
}

/** Creates a vault over a KeyValueStore. */
export function createVault(options: VaultOptions): Vault {
  const { store } = options;
  const logN = options.logN ?? 16;
  let secret: Uint8Array | undefined;
  let pubkey: string | undefined;

  const backup = (ncryptsec: string): VaultBackup => ({ pubkey: pubkey!, npub: npubEncode(pubkey!), ncryptsec });

  const hold = (sk: Uint8Array): void => {
    lock();
    secret = sk;
    pubkey = getPublicKey(sk);
  };

  function lock(): void {
    // Zero the bytes so the key does not linger in memory after a panic lock.
    secret?.fill(0);
    secret = undefined;
    pubkey = undefined;
  }

  const refuseOverwrite = async (replace?: boolean): Promise<void> => {
    if (!replace && (await store.get(VAULT_KEY)) !== undefined) {
      throw new VaultError('exists', 'A key is already stored here; wipe it first or confirm replacing it.');
    }
  };

  const open = (ncryptsec: string, passphrase: string): Uint8Array => {
    try {
      return nip49Decrypt(ncryptsec, passphrase);
    } catch {
      // NIP-49 uses authenticated encryption: a wrong passphrase fails the tag check.
      throw new VaultError('wrong-passphrase', 'Wrong passphrase.');
    }
  };

  const stored = async (): Promise<string> => {
    const ncryptsec = await store.get(VAULT_KEY);
    if (ncryptsec === undefined) throw new VaultError('no-key', 'No key is stored on this device.');
    return ncryptsec;
  };

  return {
    async hasKey() {
      return (await store.get(VAULT_KEY)) !== undefined;
    },
    async create(passphrase, opts) {
      checkPassphrase(passphrase);
      await refuseOverwrite(opts?.replace);
      const sk = (options.generate ?? generateSecretKey)();
      const ncryptsec = nip49Encrypt(sk, passphrase, logN);
      await store.set(VAULT_KEY, ncryptsec);
      hold(sk);
      return backup(ncryptsec);
    },
    async importKey(input, passphrase, opts) {
      const s = input.trim();
      let sk: Uint8Array;
      let ncryptsec: string;
      if (s.startsWith('ncryptsec1')) {
        // The backup's own passphrase: whatever it was chosen as, it is what opens it.
        sk = open(s, passphrase);
        ncryptsec = s;
      } else {
        checkPassphrase(passphrase);
        sk = parseSecretKey(s);
        ncryptsec = nip49Encrypt(sk, passphrase, logN);
      }
      await refuseOverwrite(opts?.replace);
      await store.set(VAULT_KEY, ncryptsec);
      hold(sk);
      return backup(ncryptsec);
    },
    async unlock(passphrase) {
      const sk = open(await stored(), passphrase);
      hold(sk);
      return { pubkey: pubkey!, npub: npubEncode(pubkey!) };
    },
    lock,
    isLocked() {
      return secret === undefined;
    },
    getPublicKey() {
      if (!pubkey) throw new VaultError('locked', 'The key is locked; unlock it with your passphrase.');
      return pubkey;
    },
    signEvent(template) {
      if (!secret) throw new VaultError('locked', 'The key is locked; unlock it with your passphrase.');
      // Copy the template so finalizeEvent's added fields never leak back into the caller's object.
      return finalizeEvent({ ...template, tags: template.tags.map((t) => [...t]) }, secret) as SignedEvent;
    },
    nip44Decrypt(peer, payload) {
      if (!secret) throw new VaultError('locked', 'The key is locked; unlock it with your passphrase.');
      return nip44.decrypt(payload, nip44.getConversationKey(secret, peer));
    },
    exportNcryptsec: stored,
    async changePassphrase(oldPassphrase, newPassphrase) {
      checkPassphrase(newPassphrase);
      const sk = open(await stored(), oldPassphrase);
      const ncryptsec = nip49Encrypt(sk, newPassphrase, logN);
      sk.fill(0);
      await store.set(VAULT_KEY, ncryptsec);
    },
    async wipe() {
      lock();
      await store.delete(VAULT_KEY);
    },
  };
}
