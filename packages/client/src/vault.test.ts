import { test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyEvent } from 'nostr-tools/pure';
import { nsecEncode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { createVault, VaultError } from './vault.js';
import { memoryStore } from './memory-store.test-helper.js';

/** Where the vault keeps its ncryptsec: a stored format, so a change would lose every saved key. */
const VAULT_KEY = 'vault:ncryptsec';

// Cheap scrypt for tests; one test below uses the real default.
const logN = 4;
const note = { kind: 1, created_at: 1_700_000_000, tags: [], content: 'hi' };

test('create stores only an ncryptsec and leaves the vault unlocked', async () => {
  const store = memoryStore();
  const vault = createVault({ store, logN });
  const b = await vault.create('correct horse');
  assert.match(b.ncryptsec, /^ncryptsec1/);
  assert.match(b.npub, /^npub1/);
  assert.deepEqual(await store.keys(), [VAULT_KEY]);
  assert.equal(await store.get(VAULT_KEY), b.ncryptsec);
  assert.equal(vault.isLocked(), false);
  assert.equal(vault.getPublicKey(), b.pubkey);
  const ev = vault.signEvent(note);
  assert.equal(verifyEvent(JSON.parse(JSON.stringify(ev))), true);
  assert.equal(ev.pubkey, b.pubkey);
});

test('lock zeroes the key; unlock with the right passphrase restores it, a wrong one fails clearly', async () => {
  const vault = createVault({ store: memoryStore(), logN });
  const b = await vault.create('correct horse');
  vault.lock();
  assert.equal(vault.isLocked(), true);
  assert.throws(
    () => vault.signEvent(note),
    (e: unknown) => e instanceof VaultError && e.code === 'locked',
  );
  await assert.rejects(
    vault.unlock('wrong horse'),
    (e: unknown) => e instanceof VaultError && e.code === 'wrong-passphrase',
  );
  assert.equal(vault.isLocked(), true);
  assert.deepEqual(await vault.unlock('correct horse'), { pubkey: b.pubkey, npub: b.npub });
  assert.equal(vault.signEvent(note).pubkey, b.pubkey);
});

test('lock overwrites the secret bytes with zeros', async () => {
  const sk = new Uint8Array(32).fill(7);
  const vault = createVault({ store: memoryStore(), logN, generate: () => sk });
  await vault.create('passphrase1');
  assert.ok(sk.every((b) => b === 7));
  vault.lock();
  assert.ok(sk.every((b) => b === 0));
  assert.equal(vault.isLocked(), true);
});

test('import accepts nsec, hex and ncryptsec, and refuses garbage without touching storage', async () => {
  const sk = new Uint8Array(32).fill(1);
  const hex = Buffer.from(sk).toString('hex');
  for (const input of [nsecEncode(sk), hex, encrypt(sk, 'other pass', logN)]) {
    const store = memoryStore();
    const vault = createVault({ store, logN });
    const pass = input.startsWith('ncryptsec') ? 'other pass' : 'new passphrase';
    const b = await vault.importKey(input, pass);
    vault.lock();
    const again = await vault.unlock(pass);
    assert.equal(again.pubkey, b.pubkey);
  }
  const store = memoryStore();
  const vault = createVault({ store, logN });
  await assert.rejects(
    vault.importKey('nsec1garbage', 'new passphrase'),
    (e: unknown) => e instanceof VaultError && e.code === 'bad-key',
  );
  await assert.rejects(vault.importKey(encrypt(sk, 'x'.repeat(8), logN), 'y'.repeat(8)), /Wrong passphrase/);
  await assert.rejects(
    vault.importKey(hex, 'short'),
    (e: unknown) => e instanceof VaultError && e.code === 'weak-passphrase',
  );
  assert.deepEqual(await store.keys(), []);
});

test('an existing key is never replaced silently', async () => {
  const store = memoryStore();
  const vault = createVault({ store, logN });
  const first = await vault.create('passphrase1');
  await assert.rejects(vault.create('passphrase2'), (e: unknown) => e instanceof VaultError && e.code === 'exists');
  assert.equal(await store.get(VAULT_KEY), first.ncryptsec);
  const second = await vault.create('passphrase2', { replace: true });
  assert.notEqual(second.pubkey, first.pubkey);
});

test('changePassphrase re-encrypts; wipe removes the key', async () => {
  const store = memoryStore();
  const vault = createVault({ store, logN });
  const b = await vault.create('passphrase1');
  await assert.rejects(vault.changePassphrase('nope nope', 'passphrase2'), /Wrong passphrase/);
  await vault.changePassphrase('passphrase1', 'passphrase2');
  vault.lock();
  await assert.rejects(vault.unlock('passphrase1'), /Wrong passphrase/);
  assert.equal((await vault.unlock('passphrase2')).pubkey, b.pubkey);
  await vault.wipe();
  assert.equal(vault.isLocked(), true);
  assert.equal(await vault.hasKey(), false);
  await assert.rejects(vault.unlock('passphrase2'), (e: unknown) => e instanceof VaultError && e.code === 'no-key');
});

test('NIP-49 test vector decrypts and the default cost (log_n 16) round-trips', async () => {
  // The vector from the NIP-49 text: password "nostr", log_n 16.
  const vector =
    'ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p';
  const vault = createVault({ store: memoryStore() });
  await assert.rejects(vault.importKey(vector, 'not nostr'), /Wrong passphrase/);
  // An existing backup keeps its own passphrase, even one shorter than we require for new ones.
  const imported = await vault.importKey(vector, 'nostr');
  const { getPublicKey } = await import('nostr-tools/pure');
  const sk = Uint8Array.from(Buffer.from('3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683', 'hex'));
  assert.equal(imported.pubkey, getPublicKey(sk));
  assert.equal(imported.ncryptsec, vector);
  await vault.wipe();
  const b = await vault.create('a real passphrase');
  assert.equal(b.ncryptsec.slice(0, 10), 'ncryptsec1');
  vault.lock();
  assert.equal((await vault.unlock('a real passphrase')).pubkey, b.pubkey);
});

test('a Persian passphrase unlocks whether typed composed or decomposed (NIP-49 NFKC)', async () => {
  const vault = createVault({ store: memoryStore(), logN });
  const composed = 'رمز \u0622زادی ۱۳۸۸';
  const decomposed = 'رمز \u0627\u0653زادی ۱۳۸۸';
  assert.notEqual(composed, decomposed);
  const b = await vault.create(composed);
  vault.lock();
  assert.equal((await vault.unlock(decomposed)).pubkey, b.pubkey);
});
