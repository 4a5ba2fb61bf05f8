import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nip44 from 'nostr-tools/nip44';
import { verifyEvent } from 'nostr-tools/pure';
import { keys, signed } from '@lifeline/testkit';
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
  const me = keys();
  return {
    getPublicKey: async () => me.pk,
    signEvent: async (t) => {
      const ev = signed(me, t);
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
  const other = keys();
  const altered = nip07Signer(fakeExtension(() => signed(other, { ...template, content: 'other' })));
  await assert.rejects(altered.signEvent(template), /invalid signature/);
  const swapper = keys();
  const ext: Nip07 = {
    getPublicKey: async () => swapper.pk,
    signEvent: async (t) => signed(swapper, { ...t, content: 'swapped' }),
  };
  await assert.rejects(nip07Signer(ext).signEvent(template), /changed the event/);
});

test('NIP-44 decrypt: the vault opens a payload sealed to its key (and nothing while locked); an extension uses window.nostr.nip44', async () => {
  const vault = createVault({ store: memoryStore(), logN: 4 });
  const { pubkey } = await vault.create('passphrase1');
  const sender = keys();
  const payload = nip44.encrypt('{"address":"sara@example.org"}', nip44.getConversationKey(sender.sk, pubkey));
  const signer = localSigner(vault);
  assert.equal(await signer.nip44Decrypt!(sender.pk, payload), '{"address":"sara@example.org"}');
  // A payload for another key does not open (the MAC fails), it is not garbled text.
  const other = nip44.encrypt('x', nip44.getConversationKey(sender.sk, keys().pk));
  await assert.rejects(signer.nip44Decrypt!(sender.pk, other));
  vault.lock();
  await assert.rejects(signer.nip44Decrypt!(sender.pk, payload), /locked/);

  const me = keys();
  const ext: Nip07 = {
    getPublicKey: async () => me.pk,
    signEvent: async (t) => signed(me, t),
    nip44: { decrypt: async (peer, p) => nip44.decrypt(p, nip44.getConversationKey(me.sk, peer)) },
  };
  const sealed = nip44.encrypt('hello', nip44.getConversationKey(sender.sk, me.pk));
  assert.equal(await nip07Signer(ext).nip44Decrypt!(sender.pk, sealed), 'hello');
  // An extension without NIP-44 offers no decrypt, so the app can say so instead of failing oddly.
  assert.equal(nip07Signer({ getPublicKey: ext.getPublicKey, signEvent: ext.signEvent }).nip44Decrypt, undefined);
});
