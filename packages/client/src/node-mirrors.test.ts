import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_NODE_MIRRORS,
  learnNodeMirrors,
  nodeMirrors,
  rememberedMirrors,
  type MirrorMemory,
} from './node-mirrors.js';

const memory = (): MirrorMemory & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
};

test('nodeMirrors keeps valid relay URLs only, normalized, without the node itself, capped', () => {
  assert.deepEqual(
    nodeMirrors(
      {
        mirrors: ['wss://B.example/', 'wss://b.example', 42, 'ftp://c.example', 'ws://self:1', '', null, 'ws://d:7'],
      },
      'ws://self:1/',
    ),
    ['wss://b.example', 'ws://d:7'],
  );
  for (const bad of [null, 'x', 3, {}, { mirrors: 'wss://a.example' }, { mirrors: {} }])
    assert.deepEqual(nodeMirrors(bad), []);
  const many = Array.from({ length: 50 }, (_, i) => `wss://m${i}.example`);
  assert.equal(nodeMirrors({ mirrors: many }).length, MAX_NODE_MIRRORS);
});

test('learnNodeMirrors remembers what the node says and falls back to it when the node is down or answers badly', async () => {
  let body = JSON.stringify({ name: 'n', mirrors: ['wss://b.example', 'nonsense'] });
  let status = 200;
  let accept = '';
  const server = createServer((req, res) => {
    accept = req.headers.accept ?? '';
    res.writeHead(status, { 'content-type': 'application/nostr+json' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const mem = memory();
  try {
    assert.deepEqual(await learnNodeMirrors(url, mem), ['wss://b.example']);
    assert.equal(accept, 'application/nostr+json');
    assert.deepEqual(rememberedMirrors(mem), ['wss://b.example']);

    // A broken document or an error status changes nothing remembered.
    body = '{not json';
    assert.deepEqual(await learnNodeMirrors(url, mem), ['wss://b.example']);
    status = 500;
    body = JSON.stringify({ mirrors: [] });
    assert.deepEqual(await learnNodeMirrors(url, mem), ['wss://b.example']);
    assert.deepEqual(rememberedMirrors(mem), ['wss://b.example']);

    // The node saying "no mirrors" is remembered too.
    status = 200;
    assert.deepEqual(await learnNodeMirrors(url, mem), []);
    assert.deepEqual(rememberedMirrors(mem), []);
    body = JSON.stringify({ mirrors: ['wss://c.example'] });
    await learnNodeMirrors(url, mem);
  } finally {
    await new Promise((r) => server.close(r));
  }
  // The node is gone: the remembered list is what the app uses.
  assert.deepEqual(await learnNodeMirrors(url, mem, { timeoutMs: 2000 }), ['wss://c.example']);
  // Corrupt memory reads as none.
  mem.map.set('lifeline.mirrors', '{');
  assert.deepEqual(rememberedMirrors(mem), []);
});
