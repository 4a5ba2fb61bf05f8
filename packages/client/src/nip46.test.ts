import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import * as nip44 from 'nostr-tools/nip44';
import { verifyEvent } from 'nostr-tools/pure';
import { keys, startBunker } from '@lifeline/testkit';
import { nodeSuite } from '@lifeline/testkit/node';
import { Nip46Error, offerNostrConnect, pairWithBunker, parseBunkerUri, remoteSigner } from './nip46.js';
import { hasPairing, openPairing, savePairing } from './nip46-pairing.js';
import { memoryStore } from './memory-store.test-helper.js';

/* The NIP-46 client against a bunker that stands for the phone signer, over a real relay (our node). */

const env = nodeSuite();
const opts = { WebSocket, timeoutMs: 5000 };
const template = { kind: 1, created_at: 1_700_000_000, tags: [['t', 'x']], content: 'signed far away' };

test('parseBunkerUri reads bunker:// and refuses anything else with a reason', () => {
  const pk = 'ab'.repeat(32);
  assert.deepEqual(parseBunkerUri(` bunker://${pk}?relay=wss%3A%2F%2Fr.example&relay=ws://b.example&secret=s1 `), {
    pubkey: pk,
    relays: ['wss://r.example', 'ws://b.example'],
    secret: 's1',
  });
  assert.throws(() => parseBunkerUri(`nostrconnect://${pk}?relay=wss://r.example`), /start with bunker/);
  assert.throws(() => parseBunkerUri('bunker://abc?relay=wss://r.example'), /64 hex/);
  assert.throws(() => parseBunkerUri(`bunker://${pk}`), /no relay/);
  assert.throws(() => parseBunkerUri(`bunker://${pk}?relay=https://r.example`), /not a ws/);
  // A NIP-05 name is not looked up: that would ask a third party.
  assert.throws(() => parseBunkerUri('bob@example.org'), Nip46Error);
});

test('pairs over bunker://, signs and decrypts through the signer, and a refusal is a clear error', async () => {
  const user = keys();
  const bunker = await startBunker(env.node.url, user);
  const signer = await pairWithBunker(bunker.uri, opts);
  try {
    assert.equal(await signer.getPublicKey(), user.pk);
    assert.equal(signer.pairing.user, user.pk);
    const ev = await signer.signEvent(template);
    assert.equal(ev.pubkey, user.pk);
    assert.ok(verifyEvent(JSON.parse(JSON.stringify(ev))));
    const peer = keys();
    const sealed = nip44.encrypt('hello', nip44.getConversationKey(peer.sk, user.pk));
    assert.equal(await signer.nip44Decrypt!(peer.pk, sealed), 'hello');
    // A signer that signs something else than it was asked is caught.
    bunker.tamper((d) => ({ ...d, content: 'words the user never wrote' }));
    await assert.rejects(signer.signEvent(template), /The remote signer changed the event/);
    bunker.tamper(undefined);
    bunker.decide((r) => (r.method === 'sign_event' ? 'user declined on the phone' : true));
    await assert.rejects(signer.signEvent(template), (e: Nip46Error) => {
      assert.equal(e.code, 'refused');
      assert.match(e.message, /refused: user declined on the phone/);
      return true;
    });
  } finally {
    signer.close();
    await bunker.close();
  }
  // Closing zeroes the client key and ends pending and later requests.
  assert.ok(signer.pairing.clientSecret.every((b) => b === 0));
  await assert.rejects(signer.signEvent(template), /locked/);
});

test('a used or wrong secret is refused; a signer that never answers times out', async () => {
  const user = keys();
  const bunker = await startBunker(env.node.url, user);
  const uri = bunker.uri;
  (await pairWithBunker(uri, opts)).close();
  await assert.rejects(pairWithBunker(uri, opts), /refused: invalid secret/);
  await bunker.close();
  const gone = `bunker://${keys().pk}?relay=${encodeURIComponent(env.node.url)}`;
  await assert.rejects(pairWithBunker(gone, { ...opts, timeoutMs: 500 }), (e: Nip46Error) => e.code === 'timeout');
});

test('a stored pairing reopens after the passphrase, without a new connect; nothing readable at rest', async () => {
  const user = keys();
  const bunker = await startBunker(env.node.url, user);
  const store = memoryStore();
  const first = await pairWithBunker(bunker.uri, opts);
  await savePairing(store, { ...first.pairing, clientSecret: first.pairing.clientSecret.slice() }, 'correct horse', 4);
  first.close();
  assert.equal(await hasPairing(store), true);
  const atRest = JSON.stringify(await Promise.all((await store.keys()).map((k) => store.get(k))));
  assert.doesNotMatch(
    atRest,
    new RegExp(`${user.pk}|${bunker.pubkey}|127\\.0\\.0\\.1`),
    'no key, signer or relay in clear',
  );
  await assert.rejects(openPairing(store, 'wrong horse'), /Wrong passphrase/);
  const pairing = await openPairing(store, 'correct horse');
  const again = remoteSigner(pairing, opts);
  const connects = bunker.requests.filter((r) => r.method === 'connect').length;
  try {
    assert.equal((await again.signEvent(template)).pubkey, user.pk);
    assert.equal(bunker.requests.filter((r) => r.method === 'connect').length, connects);
  } finally {
    again.close();
    await bunker.close();
  }
});

test('nostrconnect://: the signer app answers the offer and the client signs through it', async () => {
  const user = keys();
  const bunker = await startBunker(env.node.url, user);
  const offer = offerNostrConnect([env.node.url], 'Lifeline', opts);
  await offer.listening;
  assert.match(offer.uri, /^nostrconnect:\/\/[0-9a-f]{64}\?relay=.*&secret=/);
  await bunker.acceptNostrConnect(offer.uri);
  const signer = await offer.paired;
  try {
    assert.equal(await signer.getPublicKey(), user.pk);
    assert.equal(signer.pairing.signer.pubkey, bunker.pubkey);
    assert.equal((await signer.signEvent(template)).pubkey, user.pk);
  } finally {
    signer.close();
    await bunker.close();
  }
  const cancelled = offerNostrConnect([env.node.url], 'Lifeline', opts);
  await cancelled.listening;
  cancelled.cancel();
  await assert.rejects(cancelled.paired, /Cancelled/);
});
