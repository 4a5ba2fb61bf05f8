import WebSocket from 'ws';
import * as nip04 from 'nostr-tools/nip04';
import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, getPublicKey, type VerifiedEvent } from 'nostr-tools/pure';
import { signed, type EventDraft, type TestKeys } from './events.js';

/*
 * A NIP-46 remote signer ("bunker") for tests: it stands for the phone signer or hardware device,
 * a third party that holds the user's key. It speaks the real protocol over a real relay (kind 24133,
 * NIP-44 encrypted requests and responses), written from the NIP with nostr-tools primitives and
 * sharing no code with the web app's client side.
 */

/** One request the bunker received, after decryption. */
export interface BunkerRequest {
  client: string;
  method: string;
  params: string[];
}

/** What the bunker answers to a request: true to do it, a string to refuse with that error. */
export type BunkerDecision = (request: BunkerRequest) => true | string;

/** A running test bunker. */
export interface TestBunker {
  /** The remote-signer key's public key (differs from the user's key, as NIP-46 allows). */
  pubkey: string;
  /** The bunker:// URI to paste into the client (with a one-time secret). */
  uri: string;
  /** Every decrypted request, oldest first. */
  requests: BunkerRequest[];
  /** Client public keys that completed `connect`. */
  clients: Set<string>;
  /** Replaces the approval rule (default: approve everything from connected clients). */
  decide(rule: BunkerDecision): void;
  /** Makes the signer change what it is asked to sign (a compromised signer), or stop with undefined. */
  tamper(change: ((draft: EventDraft) => EventDraft) | undefined): void;
  /** Answers a nostrconnect:// URI shown by a client, as a phone app does after scanning its QR code. */
  acceptNostrConnect(uri: string): Promise<void>;
  close(): Promise<void>;
}

const KIND = 24133;

/** Starts a bunker for `user` listening on `relayUrl` (our node's relay). */
export async function startBunker(relayUrl: string, user: TestKeys): Promise<TestBunker> {
  const sk = generateSecretKey();
  const pubkey = getPublicKey(sk);
  let secret: string | undefined = Buffer.from(generateSecretKey()).toString('hex').slice(0, 16);
  const requests: BunkerRequest[] = [];
  const clients = new Set<string>();
  let rule: BunkerDecision = () => true;
  let change: ((draft: EventDraft) => EventDraft) | undefined;
  const ws = new WebSocket(relayUrl);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const subscribed = new Promise<void>((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString()) as unknown[];
      if (msg[0] === 'EOSE' && msg[1] === 'bunker') resolve();
      if (msg[0] === 'EVENT' && msg[1] === 'bunker') void handle(msg[2] as VerifiedEvent);
    });
  });
  ws.send(JSON.stringify(['REQ', 'bunker', { kinds: [KIND], '#p': [pubkey], limit: 0 }]));
  await subscribed;

  const respond = (client: string, body: { id: string; result?: string; error?: string }) => {
    const content = nip44.encrypt(JSON.stringify(body), nip44.getConversationKey(sk, client));
    const event = finalizeEvent(
      { kind: KIND, created_at: Math.floor(Date.now() / 1000), tags: [['p', client]], content },
      sk,
    );
    ws.send(JSON.stringify(['EVENT', event]));
  };

  async function handle(event: VerifiedEvent): Promise<void> {
    let req: { id: string; method: string; params: string[] };
    try {
      req = JSON.parse(nip44.decrypt(event.content, nip44.getConversationKey(sk, event.pubkey)));
    } catch {
      return; // not for us, or garbled: a real signer ignores it too
    }
    const request = { client: event.pubkey, method: req.method, params: req.params ?? [] };
    requests.push(request);
    const fail = (error: string) => respond(event.pubkey, { id: req.id, result: '', error });
    if (req.method === 'connect') {
      // The one-time secret admits a new client; a known client may connect again.
      if (!clients.has(event.pubkey) && (!secret || req.params[1] !== secret)) return fail('invalid secret');
      secret = undefined;
      clients.add(event.pubkey);
      return respond(event.pubkey, { id: req.id, result: 'ack' });
    }
    if (!clients.has(event.pubkey)) return fail('unauthorized: connect first');
    const verdict = rule(request);
    if (verdict !== true) return fail(verdict);
    try {
      respond(event.pubkey, { id: req.id, result: run(req.method, req.params) });
    } catch (err) {
      fail((err as Error).message);
    }
  }

  function run(method: string, params: string[]): string {
    const peer = params[0] ?? '';
    const text = params[1] ?? '';
    switch (method) {
      case 'get_public_key':
        return user.pk;
      case 'ping':
        return 'pong';
      case 'sign_event': {
        const draft = JSON.parse(peer) as EventDraft;
        return JSON.stringify(signed(user, change ? change(draft) : draft));
      }
      case 'nip44_encrypt':
        return nip44.encrypt(text, nip44.getConversationKey(user.sk, peer));
      case 'nip44_decrypt':
        return nip44.decrypt(text, nip44.getConversationKey(user.sk, peer));
      case 'nip04_encrypt':
        return nip04.encrypt(user.sk, peer, text);
      case 'nip04_decrypt':
        return nip04.decrypt(user.sk, peer, text);
      default:
        throw new Error(`unsupported method ${method}`);
    }
  }

  return {
    pubkey,
    get uri() {
      const s = secret ? `&secret=${secret}` : '';
      return `bunker://${pubkey}?relay=${encodeURIComponent(relayUrl)}${s}`;
    },
    requests,
    clients,
    decide(next) {
      rule = next;
    },
    tamper(next) {
      change = next;
    },
    async acceptNostrConnect(uri) {
      const u = new URL(uri);
      const client = u.hostname || u.pathname.replace(/^\/\//, '');
      const s = u.searchParams.get('secret');
      if (!/^[0-9a-f]{64}$/.test(client) || !s) throw new Error(`not a nostrconnect URI: ${uri}`);
      clients.add(client);
      // NIP-46: the signer answers the client's secret as the result of a `connect` response.
      respond(client, { id: Buffer.from(generateSecretKey()).toString('hex').slice(0, 12), result: s });
    },
    async close() {
      if (ws.readyState === WebSocket.OPEN) {
        const closed = new Promise<void>((r) => ws.once('close', () => r()));
        ws.close();
        await closed;
      }
    },
  };
}
