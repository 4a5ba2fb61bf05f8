import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, test } from 'node:test';
import { tempDir } from '@lifeline/testkit';
import { BlobStore } from './blob-store.js';

const dirs: string[] = [];
const tempStore = async () => {
  const dir = tempDir('lifeline-blobs-');
  dirs.push(dir);
  return { dir, store: await BlobStore.open(dir) };
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const alice = 'a'.repeat(64);
const bob = 'b'.repeat(64);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('put stores bytes under their sha256 once; a second owner adopts the same blob', async () => {
  const { store } = await tempStore();
  const bytes = Buffer.from('clean pixels');
  const first = await store.put(bytes, 'image/png', alice, 100);
  assert.deepEqual(first, {
    blob: { sha256: sha(bytes), size: bytes.length, type: 'image/png', uploaded: 100 },
    created: true,
  });
  assert.deepEqual(readFileSync(store.pathOf(sha(bytes))), bytes);
  const again = await store.put(bytes, 'image/png', bob, 200);
  assert.deepEqual(again, { blob: { ...first.blob, uploaded: 200 }, created: false });
  const repeat = await store.put(bytes, 'image/png', alice, 300);
  assert.equal(repeat.blob.uploaded, 100, 'an owner keeps their first upload time');
  store.close();
});

test("the last owner's delete removes row and file; earlier owners only drop themselves", async () => {
  const { dir, store } = await tempStore();
  const bytes = Buffer.from('to be deleted');
  const h = sha(bytes);
  await store.put(bytes, 'image/jpeg', alice);
  await store.put(bytes, 'image/jpeg', bob);
  assert.equal(await store.remove(h, 'c'.repeat(64)), 'not-owner');
  assert.equal(await store.remove(h, alice), 'owner-removed');
  assert.ok(existsSync(store.pathOf(h)));
  assert.equal(await store.remove(h, alice), 'not-owner');
  assert.equal(await store.remove(h, bob), 'deleted');
  assert.equal(store.get(h), undefined);
  assert.equal(existsSync(store.pathOf(h)), false);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), []);
  assert.equal(await store.remove(h, bob), 'not-found');
  store.close();
  const db = readFileSync(join(dir, 'media.db'));
  assert.equal(db.includes(Buffer.from(h)), false, 'secure_delete leaves no trace of the hash in the index file');
});

test('list pages newest first with a cursor and honours since/until', async () => {
  const { store } = await tempStore();
  const hashes: string[] = [];
  for (let i = 0; i < 5; i++)
    hashes.push((await store.put(Buffer.from(`blob ${i}`), 'image/png', alice, 1000 + i)).blob.sha256);
  await store.put(Buffer.from('bob only'), 'image/png', bob, 5000);
  const page1 = store.list(alice, { limit: 2 }) ?? [];
  assert.deepEqual(
    page1.map((b) => b.sha256),
    [hashes[4], hashes[3]],
  );
  const page2 = store.list(alice, { limit: 2, cursor: page1[1]?.sha256 }) ?? [];
  assert.deepEqual(
    page2.map((b) => b.sha256),
    [hashes[2], hashes[1]],
  );
  assert.deepEqual(
    store.list(alice, { limit: 10, since: 1001, until: 1002 })?.map((b) => b.sha256),
    [hashes[2], hashes[1]],
  );
  assert.equal(store.list(alice, { limit: 2, cursor: 'f'.repeat(64) }), undefined);
  store.close();
});

test('opening wipes half-written temp files and orphan blobs, and forgets rows without files', async () => {
  const { dir, store } = await tempStore();
  const kept = (await store.put(Buffer.from('kept'), 'image/png', alice)).blob.sha256;
  const lost = (await store.put(Buffer.from('lost'), 'image/png', alice)).blob.sha256;
  store.close();
  rmSync(join(dir, 'blobs', lost));
  writeFileSync(join(dir, 'tmp', 'half-written'), 'partial');
  writeFileSync(join(dir, 'blobs', 'e'.repeat(64)), 'orphan');
  // Left by a crash an hour ago; the young ones may be another process's upload in progress.
  const anHourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(join(dir, 'tmp', 'half-written'), anHourAgo, anHourAgo);
  utimesSync(join(dir, 'blobs', 'e'.repeat(64)), anHourAgo, anHourAgo);
  writeFileSync(join(dir, 'tmp', 'being-written'), 'partial');
  writeFileSync(join(dir, 'blobs', 'f'.repeat(64)), 'row about to commit');
  const reopened = await BlobStore.open(dir);
  assert.deepEqual(readdirSync(join(dir, 'tmp')), ['being-written']);
  assert.deepEqual(readdirSync(join(dir, 'blobs')).sort(), [kept, 'f'.repeat(64)].sort());
  assert.equal(reopened.get(lost), undefined);
  assert.ok(reopened.get(kept));
  reopened.close();
});

test('malformed hashes are never looked up or turned into paths', async () => {
  const { store } = await tempStore();
  assert.equal(store.get('../../etc/passwd'), undefined);
  assert.throws(() => store.pathOf('../x'));
  store.close();
});

test('two stores on one directory (two processes): each serves what the other stored, and a delete removes it for both', async () => {
  const { dir, store: a } = await tempStore();
  const b = await BlobStore.open(dir);
  try {
    const bytes = Buffer.from('shared blob');
    const put = await a.put(bytes, 'image/png', alice);
    assert.equal(b.get(put.blob.sha256)?.size, bytes.length, 'B sees the row A committed');
    assert.deepEqual(readFileSync(b.pathOf(put.blob.sha256)), bytes);
    // The same bytes uploaded through both at once: one file, one row, two owners.
    const other = Buffer.from('raced blob');
    const [x, y] = await Promise.all([a.put(other, 'image/png', alice), b.put(other, 'image/png', bob)]);
    assert.equal([x.created, y.created].filter(Boolean).length, 1);
    assert.ok(a.ownedBy(x.blob.sha256, alice) !== undefined && a.ownedBy(x.blob.sha256, bob) !== undefined);
    assert.equal(await b.remove(put.blob.sha256, alice), 'deleted');
    assert.equal(a.get(put.blob.sha256), undefined, 'gone for A too');
    assert.equal(existsSync(a.pathOf(put.blob.sha256)), false);
    assert.deepEqual(readdirSync(join(dir, 'tmp')), [], 'nothing left aside');
  } finally {
    b.close();
  }
});
