import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventTemplate, NostrEvent } from '@lifeline/nostr';
import type { AddEventResult, Relay } from '@lifeline/relay';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { decrypt, encrypt } from 'nostr-tools/nip49';
import { StartError, reasonOf } from './start-error.js';

/** The node's own key file in the data directory. */
export const NODE_KEY_FILE = 'node-key';

/**
 * The node's own signing identity. Node features (community-note statuses, impostor flags) publish
 * what the node computed as events signed by this key, so any client can read and check them; the
 * NIP-11 document names it as `self`.
 */
export interface NodeIdentity {
  /** The node's hex public key. */
  readonly pubkey: string;
  /** Signs a template with the node's key (created_at defaults to now). */
  sign(template: Omit<EventTemplate, 'created_at'> & { created_at?: number }): NostrEvent;
  /** Signs and adds the event through the relay's one pipeline (source `node`). */
  publish(template: Omit<EventTemplate, 'created_at'> & { created_at?: number }): Promise<AddEventResult>;
}

/**
 * Reads the node's secret key from the data directory, creating one on first start. With a
 * passphrase the file holds a NIP-49 `ncryptsec` (a seized disk reveals nothing without it);
 * without one it holds the hex key, readable by this user only, and `encrypted` is false so the
 * node can say so at start. The key signs only public, recomputable statements, so a leaked key lets
 * someone forge the node's labels until the operator replaces the file, never read anyone's data.
 */
export function loadNodeKey(dir: string, passphrase: string): { secret: Uint8Array; encrypted: boolean } {
  const file = join(dir, NODE_KEY_FILE);
  if (!existsSync(file)) {
    const secret = generateSecretKey();
    // scrypt log_n 16 (NIP-49's recommended minimum cost): about a quarter second, once per start.
    const text = passphrase ? encrypt(secret, passphrase, 16) : Buffer.from(secret).toString('hex');
    writeFileSync(file, `${text}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { secret, encrypted: Boolean(passphrase) };
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.startsWith('ncryptsec1')) {
    if (!passphrase) throw new StartError('node-key-locked', { path: file });
    try {
      return { secret: decrypt(text, passphrase), encrypted: true };
    } catch (err) {
      throw new StartError('node-key-unreadable', { path: file, why: reasonOf(err) });
    }
  }
  if (!/^[0-9a-f]{64}$/.test(text)) throw new StartError('node-key-unreadable', { path: file, why: 'not a key' });
  return { secret: new Uint8Array(Buffer.from(text, 'hex')), encrypted: false };
}

/** The identity over a secret key, publishing through `relay`. */
export function nodeIdentity(secret: Uint8Array, relay: Pick<Relay, 'addEvent'>): NodeIdentity {
  const pubkey = getPublicKey(secret);
  const sign: NodeIdentity['sign'] = (template) =>
    finalizeEvent(
      { ...template, created_at: template.created_at ?? Math.floor(Date.now() / 1000) },
      secret,
    ) as NostrEvent;
  return {
    pubkey,
    sign,
    publish: (template) => relay.addEvent(sign(template), { source: 'node' }),
  };
}
