import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { keys, nostrAuthorization, RawClient, signed, sleep, type TestKeys } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { authHeader, jpegWithGps, sha256, upload } from './helpers.js';

const LIMIT = 256 * 1024;

describe('bad uploads get clear errors and store nothing', () => {
  let node: TestNode;
  const alice = keys();
  before(async () => {
    node = await startTestNode({ mediaMaxUploadBytes: LIMIT, mediaMaxPixels: 4_000_000 });
  });
  after(async () => {
    await node.stop();
  });
  const stored = () => readdirSync(join(node.dataDir, 'media', 'blobs')).length;
  const leftovers = () => readdirSync(join(node.dataDir, 'media', 'tmp')).length;

  test('an upload declared too large is refused with 413 before its body is read', async () => {
    const before = stored();
    const res = await upload(node.httpUrl, Buffer.alloc(LIMIT + 1, 1), alice);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('x-reason'), `file is too large: the limit is ${LIMIT} bytes`);
    assert.equal(stored(), before);
  });

  test('a chunked upload is cut off with 413 as soon as it passes the limit', async () => {
    const before = stored();
    const chunk = Buffer.alloc(32 * 1024, 7);
    const total = 64; // 2 MiB offered, 8 times the limit
    const result = await new Promise<{ status: number; reason: string; sent: number }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(`${node.httpUrl}/upload`, {
        method: 'PUT',
        headers: {
          'transfer-encoding': 'chunked',
          authorization: authHeader(alice, 'upload', { x: ['a'.repeat(64)] }),
        },
      });
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, reason: String(res.headers['x-reason']), sent });
      });
      req.on('error', (err) => (answered ? undefined : reject(err)));
      const pump = () => {
        if (answered) return req.destroy();
        if (sent === total) return req.end();
        sent++;
        req.write(chunk, () => setTimeout(pump, 2));
      };
      pump();
    });
    assert.equal(result.status, 413);
    assert.match(result.reason, /too large/);
    assert.ok(result.sent < total, `answered after ${result.sent} of ${total} chunks`);
    assert.equal(stored(), before);
    assert.equal(leftovers(), 0);
  });

  test('each kind of bad authorization is 401 with its reason', async () => {
    const bytes = await jpegWithGps(16, 16);
    const x = [sha256(bytes)];
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, string | undefined, RegExp]> = [
      ['missing', undefined, /requires a Blossom authorization/],
      ['expired', authHeader(alice, 'upload', { x, expiresIn: -10 }), /expired/],
      ['wrong verb', authHeader(alice, 'delete', { x }), /not for "upload"/],
      ['other blob', authHeader(alice, 'upload', { x: ['f'.repeat(64)] }), /another blob/],
      ['no x', authHeader(alice, 'upload'), /no x tag/],
      ['future', authHeader(alice, 'upload', { x, createdAt: now + 3600 }), /in the future/],
      ['other server', authHeader(alice, 'upload', { x, server: ['elsewhere.example'] }), /other servers/],
      ['wrong kind', authHeader(alice, 'upload', { x, kind: 27235 }), /kind 24242/],
      ['not nostr', 'Bearer abc', /Nostr <base64url event>/],
      ['bad signature', tamperedSignature(alice, x), /signature is invalid/],
      ['altered', alteredContent(alice, x), /id does not match/],
    ];
    const before = stored();
    for (const [name, authorization, reason] of cases) {
      const res = await fetch(`${node.httpUrl}/upload`, {
        method: 'PUT',
        body: bytes,
        headers: authorization ? { authorization } : {},
      });
      assert.equal(res.status, 401, name);
      assert.match(res.headers.get('x-reason') ?? '', reason, name);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', name);
    }
    assert.equal(stored(), before, 'nothing stored');
    const good = await upload(node.httpUrl, bytes, alice, { server: ['127.0.0.1'] });
    assert.equal(good.status, 201, 'a token scoped to this server works');
  });

  test('an X-SHA-256 that does not match the body is 409', async () => {
    const bytes = await jpegWithGps(17, 17);
    const res = await upload(node.httpUrl, bytes, alice, {
      headers: { 'x-sha-256': 'e'.repeat(64) },
      x: ['e'.repeat(64)],
    });
    assert.equal(res.status, 409);
  });

  test('garbage, lookalikes, video and decompression bombs are refused with a reason', async () => {
    const before = stored();
    const mp4 = Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isomiso2moov', 'latin1');
    const garbageJpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4096, 0x41)]);
    const whole = await jpegWithGps(64, 64);
    const truncated = whole.subarray(0, whole.length - 100);
    const bomb = await sharp({ create: { width: 4000, height: 4000, channels: 3, background: '#000' } })
      .png()
      .toBuffer();
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const cases: Array<[string, Buffer, number, RegExp]> = [
      ['text', Buffer.from('definitely not an image'), 415, /unrecognized file type/],
      ['html', html, 415, /unrecognized file type/],
      ['mp4', mp4, 415, /video\/mp4 is not accepted \(its metadata cannot be stripped\)/],
      ['garbage behind a JPEG magic number', garbageJpeg, 400, /image could not be decoded/],
      ['truncated JPEG', truncated, 400, /image could not be decoded/],
      ['decompression bomb', bomb, 413, /too many pixels/],
      ['empty', Buffer.alloc(0), 400, /empty/],
    ];
    for (const [name, bytes, status, reason] of cases) {
      const res = await upload(node.httpUrl, bytes, alice, { headers: { 'content-type': 'image/jpeg' } });
      assert.equal(res.status, status, name);
      assert.match(res.headers.get('x-reason') ?? '', reason, name);
    }
    assert.equal(stored(), before, 'nothing stored');
    assert.equal(leftovers(), 0);
  });

  test('the node keeps serving the relay and other uploads while bad uploads arrive', async () => {
    const client = await RawClient.connect(node.url);
    try {
      const bad = Array.from({ length: 6 }, (_, i) =>
        upload(node.httpUrl, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(1000 + i, i)]), alice).then(
          (r) => r.status,
        ),
      );
      const good = jpegWithGps(24, 24)
        .then((b) => upload(node.httpUrl, b, alice))
        .then((r) => r.status);
      const note = signed(alice, { content: 'still here' });
      client.send(['EVENT', note]);
      const ok = await client.ok(note.id);
      assert.equal(ok[2], true);
      assert.deepEqual(await Promise.all(bad), [400, 400, 400, 400, 400, 400]);
      assert.equal(await good, 201);
      const info = await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } });
      assert.equal(info.status, 200);
    } finally {
      await client.close();
    }
  });
});

describe('uploads under pressure', () => {
  test('more than 16 uploads in flight get 503 with Retry-After; slots free up when they end', async () => {
    const node = await startTestNode();
    const alice = keys();
    try {
      const hanging = Array.from({ length: 16 }, () => {
        const req = request(`${node.httpUrl}/upload`, {
          method: 'PUT',
          headers: {
            'transfer-encoding': 'chunked',
            authorization: authHeader(alice, 'upload', { x: [sha256(Buffer.from('slow text'))] }),
          },
        });
        const status = new Promise<number>((resolve, reject) => {
          req.on('response', (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
        });
        req.write('slow ');
        return { req, status };
      });
      let busy: Response | undefined;
      for (let i = 0; i < 100 && busy?.status !== 503; i++) {
        busy = await upload(node.httpUrl, Buffer.from('x'), alice);
        if (busy.status !== 503) await sleep(20);
      }
      assert.equal(busy?.status, 503);
      assert.equal(busy?.headers.get('retry-after'), '5');
      assert.match(busy?.headers.get('x-reason') ?? '', /too many uploads/);
      for (const h of hanging) h.req.end('text');
      assert.deepEqual(await Promise.all(hanging.map((h) => h.status)), Array(16).fill(415));
      assert.equal((await upload(node.httpUrl, await jpegWithGps(8, 8), alice)).status, 201);
    } finally {
      await node.stop();
    }
  });

  test('aborted uploads are not bugs, and the logs hold no IP address', async () => {
    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ..._rest: unknown[]) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    let node: TestNode | undefined;
    try {
      node = await startTestNode({ logLevel: 'debug' });
      const alice = keys();
      const aborted = request(`${node.httpUrl}/upload`, {
        method: 'PUT',
        headers: { 'content-length': '100000', authorization: authHeader(alice, 'upload', { x: ['a'.repeat(64)] }) },
      });
      aborted.on('error', () => undefined);
      aborted.write(Buffer.alloc(1000));
      await sleep(100);
      aborted.destroy();
      const d = (await (await upload(node.httpUrl, await jpegWithGps(8, 8), alice)).json()) as { sha256: string };
      await fetch(`${node.httpUrl}/${d.sha256}`, {
        method: 'DELETE',
        headers: { authorization: authHeader(alice, 'delete', { x: [d.sha256] }) },
      });
      await sleep(50);
    } finally {
      await node?.stop();
      process.stderr.write = write;
    }
    const log = lines.join('');
    assert.match(log, /media stored/);
    assert.doesNotMatch(log, /"level":"error"/);
    assert.doesNotMatch(log, /127\.0\.0\.1|::1|::ffff/);
  });
});

/** A valid token whose signature belongs to other bytes. */
function tamperedSignature(who: TestKeys, x: string[]): string {
  const ev = JSON.parse(Buffer.from(authHeader(who, 'upload', { x }).slice(6), 'base64url').toString());
  ev.sig = (ev.sig[0] === 'a' ? 'b' : 'a') + ev.sig.slice(1);
  return nostrAuthorization(ev);
}

/** A valid token whose content was changed after signing. */
function alteredContent(who: TestKeys, x: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  const ev = signed(who, {
    kind: 24242,
    created_at: now,
    tags: [['t', 'upload'], ['expiration', String(now + 60)], ...x.map((h) => ['x', h])],
    content: 'upload',
  });
  return nostrAuthorization({ ...ev, content: 'delete everything' });
}
