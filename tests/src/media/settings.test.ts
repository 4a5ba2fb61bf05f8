import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keys, tempDir } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { authHeader, jpegWithGps, upload, type Descriptor } from './helpers.js';

test('with upload auth off, anonymous uploads are stored (stripped) and nobody can delete them', async () => {
  const node = await startTestNode({ mediaUploadAuth: false });
  try {
    const res = await upload(node.httpUrl, await jpegWithGps(10, 10));
    assert.equal(res.status, 201);
    const d = (await res.json()) as Descriptor;
    const del = await fetch(`${node.httpUrl}/${d.sha256}`, {
      method: 'DELETE',
      headers: { authorization: authHeader(keys(), 'delete', { x: [d.sha256] }) },
    });
    assert.equal(del.status, 403);
  } finally {
    await node.stop();
  }
});

test('media can be turned off, and kept in its own directory', async () => {
  const off = await startTestNode({ mediaEnabled: false });
  try {
    const res = await upload(off.httpUrl, await jpegWithGps(10, 10), keys());
    assert.equal(res.status, 404);
    assert.equal(existsSync(join(off.dataDir, 'media')), false);
  } finally {
    await off.stop();
  }
  const parent = tempDir();
  const dir = join(parent, 'elsewhere');
  const node = await startTestNode({ mediaDir: dir });
  try {
    const d = (await (await upload(node.httpUrl, await jpegWithGps(10, 10), keys())).json()) as Descriptor;
    assert.ok(existsSync(join(dir, 'blobs', d.sha256)));
  } finally {
    await node.stop();
    rmSync(parent, { recursive: true, force: true });
  }
});

test('blob URLs follow --public-url', async () => {
  const node = await startTestNode({ publicUrl: 'wss://news.example.org' });
  try {
    const d = (await (
      await upload(node.httpUrl, await jpegWithGps(10, 10), keys(), { server: ['news.example.org'] })
    ).json()) as Descriptor;
    assert.equal(d.url, `https://news.example.org/${d.sha256}.jpg`);
  } finally {
    await node.stop();
  }
});

test('a media type that cannot be stripped is a startup error', async () => {
  await assert.rejects(startTestNode({ mediaTypes: 'image/jpeg,video/mp4' }), /video\/mp4 is not supported/);
});
