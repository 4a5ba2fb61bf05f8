import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { keys } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { authHeader, jpegWithGps, pngWithText, sha256, upload, type Descriptor } from './helpers.js';

describe('Blossom endpoints on a real node', () => {
  let node: TestNode;
  const alice = keys();
  const bob = keys();
  before(async () => {
    node = await startTestNode();
  });
  after(async () => {
    await node.stop();
  });

  const put = async (bytes: Buffer, who = alice) => {
    const res = await upload(node.httpUrl, bytes, who);
    assert.equal(res.status, 201, res.headers.get('x-reason') ?? '');
    return (await res.json()) as Descriptor;
  };

  test('GET and HEAD by sha256, with or without extension, with immutable, sandboxed headers', async () => {
    const d = await put(await jpegWithGps());
    for (const path of [`/${d.sha256}`, `/${d.sha256}.jpg`, `/${d.sha256}.png`]) {
      const res = await fetch(node.httpUrl + path);
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('content-type'), 'image/jpeg', "the type is the blob's, whatever the extension");
      assert.equal(res.headers.get('content-length'), String(d.size));
      assert.equal(res.headers.get('etag'), `"${d.sha256}"`);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
      assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(sha256(Buffer.from(await res.arrayBuffer())), d.sha256);
    }
    const head = await fetch(`${node.httpUrl}/${d.sha256}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers.get('content-length'), String(d.size));
    assert.equal(head.headers.get('accept-ranges'), 'bytes');
    assert.equal((await head.arrayBuffer()).byteLength, 0);
    const cached = await fetch(`${node.httpUrl}/${d.sha256}`, { headers: { 'if-none-match': `"${d.sha256}"` } });
    assert.equal(cached.status, 304);
  });

  test('range requests return 206 with the right bytes; ranges past the end are 416', async () => {
    const d = await put(await pngWithText());
    const whole = Buffer.from(await (await fetch(d.url)).arrayBuffer());
    const part = await fetch(d.url, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 10-19/${d.size}`);
    assert.equal(part.headers.get('content-length'), '10');
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), whole.subarray(10, 20));
    const tail = await fetch(d.url, { headers: { range: 'bytes=-5' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), whole.subarray(whole.length - 5));
    const beyond = await fetch(d.url, { headers: { range: `bytes=${d.size}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers.get('content-range'), `bytes */${d.size}`);
  });

  test('unknown blobs are 404 with a reason', async () => {
    const res = await fetch(`${node.httpUrl}/${'0'.repeat(64)}.jpg`);
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-reason'), 'blob not found');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
  });

  test('the same upload twice is 201 then 200 with the same descriptor', async () => {
    const bytes = await jpegWithGps(20, 20);
    const first = await upload(node.httpUrl, bytes, bob);
    const second = await upload(node.httpUrl, bytes, bob);
    assert.deepEqual([first.status, second.status], [201, 200]);
    assert.deepEqual(await second.json(), await first.json());
  });

  test("list shows only the owner's blobs, newest first, with cursor paging, to the owner alone", async () => {
    const carol = keys();
    const mine: string[] = [];
    for (const size of [11, 12, 13]) mine.push((await put(await jpegWithGps(size, size), carol)).sha256);
    const list = (who = carol, query = '') =>
      fetch(`${node.httpUrl}/list/${carol.pk}${query}`, { headers: { authorization: authHeader(who, 'list') } });
    const all = (await (await list()).json()) as Descriptor[];
    assert.deepEqual(new Set(all.map((d) => d.sha256)), new Set(mine));
    for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.uploaded >= all[i]!.uploaded);
    const page1 = (await (await list(carol, '?limit=2')).json()) as Descriptor[];
    const page2 = (await (await list(carol, `?limit=2&cursor=${page1[1]!.sha256}`)).json()) as Descriptor[];
    assert.deepEqual(
      [...page1, ...page2].map((d) => d.sha256),
      all.map((d) => d.sha256),
    );
    const stranger = await list(bob);
    assert.equal(stranger.status, 403);
    const anonymous = await fetch(`${node.httpUrl}/list/${carol.pk}`);
    assert.equal(anonymous.status, 401);
    const badCursor = await list(carol, `?cursor=${'1'.repeat(64)}`);
    assert.equal(badCursor.status, 400);
  });

  test('delete: a stranger gets 403, an owner removes only themselves, the last owner removes the file', async () => {
    const bytes = await jpegWithGps(33, 33);
    const d = await put(bytes, alice);
    assert.equal((await upload(node.httpUrl, bytes, bob)).status, 200);
    const file = join(node.dataDir, 'media', 'blobs', d.sha256);
    assert.ok(existsSync(file));
    const del = (who: typeof alice, x = d.sha256) =>
      fetch(`${node.httpUrl}/${d.sha256}`, {
        method: 'DELETE',
        headers: { authorization: authHeader(who, 'delete', { x: [x] }) },
      });

    const stranger = await del(keys());
    assert.equal(stranger.status, 403);
    assert.match(stranger.headers.get('x-reason') ?? '', /only a pubkey that uploaded this blob/);
    const wrongX = await del(alice, '1'.repeat(64));
    assert.equal(wrongX.status, 401);
    const unsigned = await fetch(`${node.httpUrl}/${d.sha256}`, { method: 'DELETE' });
    assert.equal(unsigned.status, 401);

    const first = await del(alice);
    assert.equal(first.status, 200);
    assert.deepEqual(await first.json(), { deleted: d.sha256, removedFromDisk: false });
    assert.equal((await fetch(d.url)).status, 200, 'bob still owns it');
    assert.ok(existsSync(file));

    const last = await del(bob);
    assert.deepEqual(await last.json(), { deleted: d.sha256, removedFromDisk: true });
    assert.equal((await fetch(d.url)).status, 404);
    assert.equal(existsSync(file), false, 'the file is gone from disk');
    assert.deepEqual(readdirSync(join(node.dataDir, 'media', 'tmp')), [], 'no copy left aside');
    assert.equal((await del(bob)).status, 404);
  });

  test('HEAD /upload preflight (BUD-06) judges announced size and type', async () => {
    const pre = (headers: Record<string, string>) =>
      fetch(`${node.httpUrl}/upload`, {
        method: 'HEAD',
        headers: { authorization: authHeader(alice, 'upload', { x: ['a'.repeat(64)] }), ...headers },
      });
    assert.equal(
      (await pre({ 'x-content-length': '1000', 'x-content-type': 'image/jpeg', 'x-sha-256': 'a'.repeat(64) })).status,
      200,
    );
    const big = await pre({
      'x-content-length': String(1 << 30),
      'x-content-type': 'image/jpeg',
      'x-sha-256': 'a'.repeat(64),
    });
    assert.equal(big.status, 413);
    assert.match(big.headers.get('x-reason') ?? '', /too large/);
    const video = await pre({ 'x-content-length': '1000', 'x-content-type': 'video/mp4', 'x-sha-256': 'a'.repeat(64) });
    assert.equal(video.status, 415);
    assert.equal((await pre({ 'x-content-type': 'image/png' })).status, 411);
    assert.equal(
      (await pre({ 'x-content-length': '10', 'x-sha-256': 'b'.repeat(64) })).status,
      401,
      'x tag must name the announced hash',
    );
  });

  test('BUD-01 routes come before the web app, which still serves /', async () => {
    const res = await fetch(`${node.httpUrl}/`);
    assert.ok([200, 503].includes(res.status));
    assert.match(res.headers.get('content-type') ?? '', /text\/(html|plain)/);
  });
});
