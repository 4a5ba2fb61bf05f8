import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalizeEvent, generateSecretKey, getPublicKey, verifyEvent } from 'nostr-tools/pure';
import { localSigner, nip07Signer, type Nip07 } from './signer.js';
import { createVault } from './vault.js';
import { memoryStore } from './memory-store.test-helper.js';
import type { SignedEvent } from './types.js';

const template = { kind: 1, created_at: 1_700_000_000, tags: [['t', 'x']], content: 'hello' };

test('localSigner signs with the unlocked vault and fails while locked', async () => {
  const vault = createVault({ store: memoryStore(), logN: 4 });
  const { pubkey } = await vault.create('passphrase1');
  const signer = localSigner(vault);
  assert.equal(await signer.getPublicKey(), pubkey);
  const ev = await signer.signEvent(template);
  assert.equal(verifyEvent(JSON.parse(JSON.stringify(ev))), true);
  vault.lock();
  await assert.rejects(signer.signEvent(template), /locked/);
});

function fakeExtension(mutate?: (e: SignedEvent) => SignedEvent): Nip07 {
  const sk = generateSecretKey();
  return {
    getPublicKey: async () => getPublicKey(sk),
    signEvent: async (t) => {
      const ev = finalizeEvent(t, sk) as SignedEvent;
      return mutate ? mutate({ ...ev }) : ev;
    },
  };
}

test('nip07Signer passes through a valid signature', async () => {
  const signer = nip07Signer(fakeExtension());
  const ev = await signer.signEvent(template);
  assert.equal(ev.pubkey, await signer.getPublicKey());
  assert.equal(ev.content, 'hello');
});

test('nip07Signer rejects a forged signature or an event the extension altered', async () => {
  const forged = nip07Signer(fakeExtension((e) => ({ ...e, content: 'changed after signing' })));
  await assert.rejects(forged.signEvent(template), /invalid signature/);
  const other = generateSecretKey();
  const altered = nip07Signer(fakeExtension((e) => finalizeEvent({ ...template, content: 'other' }, other) as SignedEvent));
  await assert.rejects(altered.signEvent(template), /invalid signature/);
  const sk = generateSecretKey();
  const ext: Nip07 = {
    getPublicKey: async () => getPublicKey(sk),
    signEvent: async (t) => finalizeEvent({ ...t, content: 'swapped' }, sk) as SignedEvent,
  };
  await assert.rejects(nip07Signer(ext).signEvent(template), /changed the event/);
});
