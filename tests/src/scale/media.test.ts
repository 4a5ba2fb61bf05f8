import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { keys, tempDir } from '@lifeline/testkit';
import { startTestNode, type TestNode } from '@lifeline/testkit/node';
import { sharedPostgres } from '@lifeline/testkit/postgres';
import { authHeader, type Descriptor, jpegWithGps, upload } from '../media/helpers.js';

// Media across processes on one machine: two nodes on one PostgreSQL database sharing one media
// directory (`--media-dir`, as `serve --workers` shares <data>/media). A blob uploaded through
// either is served by both; its deletion removes the file for both.

const nodes: TestNode[] = [];
const media = tempDir('lifeline-shared-media-');
after(async () => {
  for (const n of nodes) await n.stop();
  rmSync(media, { recursive: true, force: true });
});

test('a blob uploaded through A is served by B; deleted through B, it is gone from A and from disk', async () => {
  const databaseUrl = await (await sharedPostgres()).createDatabase('media');
  const a = await startTestNode({ databaseUrl, mediaDir: media });
  const b = await startTestNode({ databaseUrl, mediaDir: media });
  nodes.push(a, b);
  const alice = keys();
  const bytes = await jpegWithGps(40, 30);
  const res = await upload(a.httpUrl, bytes, alice);
  assert.equal(res.status, 201, 'created');
  const d = (await res.json()) as Descriptor;
  const onB = await fetch(`${b.httpUrl}/${d.sha256}`);
  assert.equal(onB.status, 200);
  assert.equal(Buffer.from(await onB.arrayBuffer()).length, d.size, 'B serves the stripped bytes A stored');
  // The same picture uploaded through A and B at once is stored once, owned by both.
  const bob = keys();
  const both = await Promise.all([upload(a.httpUrl, bytes, bob), upload(b.httpUrl, bytes, bob)]);
  assert.deepEqual(
    both.map((r) => r.status),
    [200, 200],
  );
  const del = (node: TestNode, who: typeof alice) =>
    fetch(`${node.httpUrl}/${d.sha256}`, {
      method: 'DELETE',
      headers: { authorization: authHeader(who, 'delete', { x: [d.sha256] }) },
    });
  assert.deepEqual(await (await del(b, alice)).json(), { deleted: d.sha256, removedFromDisk: false });
  assert.deepEqual(await (await del(a, bob)).json(), { deleted: d.sha256, removedFromDisk: true });
  assert.equal((await fetch(`${a.httpUrl}/${d.sha256}`)).status, 404);
  assert.equal((await fetch(`${b.httpUrl}/${d.sha256}`)).status, 404);
  assert.equal(existsSync(join(media, 'blobs', d.sha256)), false);
  assert.deepEqual(readdirSync(join(media, 'tmp')), [], 'the wiped copy is gone too');
});
