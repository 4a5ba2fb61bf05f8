import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { verifyEvent } from 'nostr-tools/pure';
import { loadNodeKey, NODE_KEY_FILE, nodeIdentity } from './node-identity.js';
import { StartError } from './start-error.js';

const dirs: string[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-node-key-'));
  dirs.push(dir);
  return dir;
};
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test('a new key is made once, kept readable by this user only, and read back the same', () => {
  const dir = fresh();
  const first = loadNodeKey(dir, '');
  assert.equal(first.encrypted, false);
  assert.equal(statSync(join(dir, NODE_KEY_FILE)).mode & 0o777, 0o600);
  const again = loadNodeKey(dir, '');
  assert.deepEqual(again.secret, first.secret);
});

test('with a passphrase the file holds only a NIP-49 ncryptsec; the wrong or missing passphrase is one clear error', () => {
  const dir = fresh();
  const made = loadNodeKey(dir, 'correct horse');
  const text = readFileSync(join(dir, NODE_KEY_FILE), 'utf8');
  assert.match(text, /^ncryptsec1/);
  assert.ok(!text.includes(Buffer.from(made.secret).toString('hex')));
  assert.deepEqual(loadNodeKey(dir, 'correct horse').secret, made.secret);
  assert.throws(
    () => loadNodeKey(dir, ''),
    (e: unknown) => e instanceof StartError && e.code === 'node-key-locked',
  );
  assert.throws(
    () => loadNodeKey(dir, 'wrong'),
    (e: unknown) => e instanceof StartError && e.code === 'node-key-unreadable' && /PASSPHRASE/.test(e.message),
  );
});

test('a damaged key file is refused, not replaced', () => {
  const dir = fresh();
  writeFileSync(join(dir, NODE_KEY_FILE), 'not a key\n');
  assert.throws(
    () => loadNodeKey(dir, ''),
    (e: unknown) => e instanceof StartError && e.code === 'node-key-unreadable',
  );
  assert.equal(readFileSync(join(dir, NODE_KEY_FILE), 'utf8'), 'not a key\n');
});

test('the identity signs valid events and publishes them as the node', async () => {
  const { secret } = loadNodeKey(fresh(), '');
  const seen: Array<{ source: string }> = [];
  const identity = nodeIdentity(secret, {
    addEvent: async (event, context) => {
      seen.push(context);
      const e = event as Parameters<typeof verifyEvent>[0];
      return { ok: verifyEvent(e), message: '', id: e.id };
    },
  });
  const event = identity.sign({ kind: 1985, tags: [['L', 'test']], content: '' });
  assert.equal(event.pubkey, identity.pubkey);
  assert.ok(verifyEvent(event as Parameters<typeof verifyEvent>[0]));
  const result = await identity.publish({ kind: 1985, tags: [], content: 'x' });
  assert.equal(result.ok, true);
  assert.deepEqual(seen, [{ source: 'node' }]);
});
