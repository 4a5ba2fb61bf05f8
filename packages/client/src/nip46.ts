import { BunkerSigner, createNostrConnectURI } from 'nostr-tools/nip46';
import * as nip44 from 'nostr-tools/nip44';
import { SimplePool } from 'nostr-tools/pool';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { isHex64 } from '@lifeline/nostr';
import type { BunkerPointer, Pairing } from './nip46-pairing.js';
import { checkSigned, type Signer } from './signer.js';
import type { EventTemplate } from './types.js';

/*
 * NIP-46 remote signing: the user's key stays on a phone signer or a hardware device; this browser
 * holds only a client key that asks the signer, over relays, to sign and decrypt. nostr-tools'
 * BunkerSigner speaks the protocol; this file adds what the app needs around it: strict parsing of
 * bunker:// (no NIP-05 lookups, which would ask a third party), time limits, errors a person can
 * read, a check of every returned event, and a close that forgets the client key. The web app
 * loads it on demand (`@lifeline/client/nip46`), so it costs nothing to people who do not use it.
 */

/** Why a remote-signer operation failed. */
export class Nip46Error extends Error {
  constructor(
    readonly code: 'bad-uri' | 'refused' | 'timeout' | 'unreachable' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'Nip46Error';
  }
}

/** A bunker:// address: the signer's key, its relays and the optional one-time secret. */
export interface BunkerAddress extends BunkerPointer {
  secret?: string;
}

/** Parses `bunker://<hex pubkey>?relay=wss://…&secret=…`; throws Nip46Error('bad-uri'). */
export function parseBunkerUri(input: string): BunkerAddress {
  const s = input.trim();
  const bad = (why: string) => new Nip46Error('bad-uri', `Not a usable bunker:// address: ${why}.`);
  if (!s.startsWith('bunker://')) throw bad('it must start with bunker://');
  let url: URL;
  try {
    // URL does not parse custom schemes' hosts everywhere alike; read it as an http URL instead.
    url = new URL(`http://${s.slice('bunker://'.length)}`);
  } catch {
    throw bad('it cannot be read');
  }
  const pubkey = url.hostname.toLowerCase();
  if (!isHex64(pubkey)) throw bad("the signer's key must be 64 hex characters");
  const relays = [...new Set(url.searchParams.getAll('relay').map((r) => r.trim()))];
  if (relays.length === 0) throw bad('it names no relay');
  for (const r of relays) if (!/^wss?:\/\/[^\s/]+/.test(r)) throw bad(`${r} is not a ws:// or wss:// relay`);
  const secret = url.searchParams.get('secret') ?? undefined;
  return { pubkey, relays, ...(secret ? { secret } : {}) };
}

/** Options for talking to a remote signer. */
export interface RemoteOptions {
  /** How long a request may wait for the signer (a person approves on the phone): 90 s by default. */
  timeoutMs?: number;
  /** A WebSocket implementation where there is no global one (Node 20 tests). */
  WebSocket?: unknown;
  /** The signer asks the user to approve on a web page (NIP-46 auth challenge). */
  onAuthUrl?: (url: string) => void;
}

/** A Signer backed by a remote signer; close() ends the connection and zeroes the client key. */
export interface RemoteSigner extends Signer {
  /** The pairing to store (encrypted) so the session can be reopened after a lock or reload. */
  readonly pairing: Pairing;
  close(): void;
}

/** Pairs with the signer at a bunker:// address: a fresh client key, `connect`, then `get_public_key`. */
export async function pairWithBunker(uri: string, opts: RemoteOptions = {}): Promise<RemoteSigner> {
  const address = parseBunkerUri(uri);
  const signer = openRemoteSigner(
    { clientSecret: generateSecretKey(), signer: { pubkey: address.pubkey, relays: address.relays }, user: '' },
    opts,
  );
  try {
    await signer.request('connect', [address.pubkey, address.secret ?? '']);
    await signer.learnUser();
  } catch (err) {
    signer.close();
    throw err;
  }
  return signer;
}

/** A nostrconnect:// offer shown to the signer app (as text and QR code), and the pairing it leads to. */
export interface NostrConnectOffer {
  uri: string;
  /** Resolves once the relays listen for the signer's answer: show the code only then. */
  listening: Promise<void>;
  /** Resolves when the signer answered with the offer's secret. */
  paired: Promise<RemoteSigner>;
  cancel(): void;
}

/** Offers a connection the signer app starts (NIP-46 "initiated by the client"), over `relays`. */
export function offerNostrConnect(relays: string[], name: string, opts: RemoteOptions = {}): NostrConnectOffer {
  const clientSecret = generateSecretKey();
  const clientPubkey = getPublicKey(clientSecret);
  const secret = hex(generateSecretKey()).slice(0, 16);
  const uri = createNostrConnectURI({ clientPubkey, relays, secret, name, perms: ['sign_event', 'nip44_decrypt'] });
  const pool = newPool(opts);
  let settle: { resolve(s: RemoteSigner): void; reject(e: Error): void } | undefined;
  let ready: () => void = () => {};
  const listening = new Promise<void>((r) => {
    ready = r;
  });
  const paired = new Promise<RemoteSigner>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const sub = pool.subscribe(
    relays,
    { kinds: [24133], '#p': [clientPubkey], limit: 0 },
    {
      oneose: () => ready(),
      onevent: (event) => {
        let answer: { result?: string };
        try {
          answer = JSON.parse(nip44.decrypt(event.content, nip44.getConversationKey(clientSecret, event.pubkey)));
        } catch {
          return; // not for this offer
        }
        if (answer.result !== secret || !settle) return;
        const done = settle;
        settle = undefined;
        sub.close();
        pool.destroy();
        const signer = openRemoteSigner({ clientSecret, signer: { pubkey: event.pubkey, relays }, user: '' }, opts);
        signer.learnUser().then(
          () => done.resolve(signer),
          (err: Error) => {
            signer.close();
            done.reject(err);
          },
        );
      },
    },
  );
  return {
    uri,
    listening,
    paired,
    cancel() {
      sub.close();
      pool.destroy();
      if (settle) {
        clientSecret.fill(0);
        settle.reject(new Nip46Error('closed', 'Cancelled.'));
        settle = undefined;
      }
    },
  };
}

/** Reopens a stored pairing (after unlock): no new `connect`, the signer already knows this client. */
export function remoteSigner(pairing: Pairing, opts: RemoteOptions = {}): RemoteSigner {
  return openRemoteSigner(pairing, opts);
}

interface OpenSigner extends RemoteSigner {
  request(method: string, params: string[]): Promise<string>;
  learnUser(): Promise<void>;
}

function openRemoteSigner(pairing: Pairing, opts: RemoteOptions): OpenSigner {
  const timeoutMs = opts.timeoutMs ?? 90_000;
  const pool = newPool(opts);
  const bunker = BunkerSigner.fromBunker(
    pairing.clientSecret,
    { pubkey: pairing.signer.pubkey, relays: pairing.signer.relays, secret: null },
    { pool, ...(opts.onAuthUrl ? { onauth: opts.onAuthUrl } : {}) },
  );
  const pending = new Set<(e: Error) => void>();
  let closed = false;

  const request = (method: string, params: string[]): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      if (closed) return reject(new Nip46Error('closed', 'The remote signer session is locked.'));
      const fail = (e: Error) => {
        clearTimeout(timer);
        pending.delete(fail);
        reject(e);
      };
      const timer = setTimeout(
        () =>
          fail(new Nip46Error('timeout', `The remote signer did not answer within ${Math.round(timeoutMs / 1000)} s.`)),
        timeoutMs,
      );
      pending.add(fail);
      bunker.sendRequest(method, params).then(
        (result) => {
          clearTimeout(timer);
          pending.delete(fail);
          resolve(result);
        },
        (err: unknown) => fail(explain(err)),
      );
    });

  const signer: OpenSigner = {
    pairing,
    request,
    async learnUser() {
      const user = await request('get_public_key', []);
      if (!isHex64(user)) throw new Nip46Error('refused', 'The remote signer did not give a valid public key.');
      pairing.user = user;
    },
    async getPublicKey() {
      return pairing.user;
    },
    async signEvent(template: EventTemplate) {
      const answer = await request('sign_event', [JSON.stringify(template)]);
      let returned: unknown;
      try {
        returned = JSON.parse(answer);
      } catch {
        throw new Nip46Error('refused', 'The remote signer answered with something that is not an event.');
      }
      return checkSigned(template, returned as never, pairing.user, 'The remote signer');
    },
    nip44Decrypt(peer: string, payload: string) {
      return request('nip44_decrypt', [peer, payload]);
    },
    close() {
      if (closed) return;
      closed = true;
      for (const fail of [...pending]) fail(new Nip46Error('closed', 'The remote signer session was locked.'));
      void bunker.close();
      pool.destroy();
      // Forget the client key and the conversation key derived from it (NIP-44), as the vault does.
      pairing.clientSecret.fill(0);
      (bunker as unknown as { conversationKey?: Uint8Array }).conversationKey?.fill(0);
    },
  };
  return signer;
}

function newPool(opts: RemoteOptions): SimplePool {
  // Reconnect: a phone on a bad connection loses its relays often; requests resume when they return.
  return new SimplePool({
    enableReconnect: true,
    ...(opts.WebSocket ? { websocketImplementation: opts.WebSocket as never } : {}),
  });
}

/** nostr-tools rejects with the signer's error string, or with an Error of its own. */
function explain(err: unknown): Error {
  if (typeof err === 'string')
    return new Nip46Error('refused', `The remote signer refused: ${err || 'no reason given'}.`);
  if (err instanceof AggregateError || (err instanceof Error && /connect|websocket|relay/i.test(err.message)))
    return new Nip46Error('unreachable', "Could not reach the remote signer's relays.");
  return err instanceof Error ? err : new Error(String(err));
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
