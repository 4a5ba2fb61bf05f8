import { test } from 'node:test';
import assert from 'node:assert/strict';
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
