import { verifyEvent } from 'nostr-tools/pure';
import type { Vault } from './vault.js';
import { plainEvent } from './verify.js';
import type { EventTemplate, SignedEvent } from './types.js';

/** Anything that can sign events for one public key: the local vault or a NIP-07 extension. */
export interface Signer {
  getPublicKey(): Promise<string>;
  signEvent(template: EventTemplate): Promise<SignedEvent>;
  /**
   * Opens a NIP-44 v2 payload that `peer` (hex public key) encrypted to this key; undefined when
   * the signer cannot (an extension without `nip44`).
   */
  nip44Decrypt?(peer: string, payload: string): Promise<string>;
}

/** The NIP-07 `window.nostr` object (only the methods Lifeline uses). */
export interface Nip07 {
  getPublicKey(): Promise<string>;
  signEvent(template: EventTemplate): Promise<SignedEvent>;
  /** NIP-07's optional NIP-44 methods. */
  nip44?: { decrypt(peer: string, payload: string): Promise<string> };
}

/** A Signer over the unlocked local vault. */
export function localSigner(vault: Vault): Signer {
  return {
    async getPublicKey() {
      return vault.getPublicKey();
    },
    async signEvent(template) {
      return vault.signEvent(template);
    },
    async nip44Decrypt(peer, payload) {
      return vault.nip44Decrypt(peer, payload);
    },
  };
}

/**
 * A Signer over a NIP-07 extension. The extension's output is checked: the event must be validly
 * signed by the extension's key and carry exactly the template we asked it to sign.
 */
export function nip07Signer(ext: Nip07): Signer {
  return {
    getPublicKey: () => ext.getPublicKey(),
    // Only when the extension offers NIP-07's optional `nip44` methods.
    ...(ext.nip44 ? { nip44Decrypt: (peer: string, payload: string) => ext.nip44!.decrypt(peer, payload) } : {}),
    async signEvent(template) {
      return checkSigned(template, await ext.signEvent(template), await ext.getPublicKey(), 'The signer extension');
    },
  };
}

/**
 * Checks what an outside signer (an extension, a remote signer) returned for `template`: validly
 * signed by `pubkey` and exactly the template we asked it to sign. `who` names the signer in errors.
 */
export function checkSigned(template: EventTemplate, returned: SignedEvent, pubkey: string, who: string): SignedEvent {
  const signed = plainEvent(returned);
  if (signed.pubkey !== pubkey || !verifyEvent(plainEvent(signed))) {
    throw new Error(`${who} returned an invalid signature.`);
  }
  if (
    signed.kind !== template.kind ||
    signed.content !== template.content ||
    signed.created_at !== template.created_at ||
    JSON.stringify(signed.tags) !== JSON.stringify(template.tags)
  ) {
    throw new Error(`${who} changed the event before signing it.`);
  }
  return signed;
}
