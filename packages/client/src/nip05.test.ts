import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nip05Proves, nip05Url, parseNip05 } from './nip05.js';

const pk = 'ab'.repeat(32);

test('parseNip05 accepts name@domain (with a port) and refuses the rest', () => {
  assert.deepEqual(parseNip05(' Sara@News.Example '), {
    name: 'sara',
    domain: 'news.example',
    display: 'sara@news.example',
  });
  assert.deepEqual(parseNip05('_@news.example')?.display, 'news.example');
  assert.equal(parseNip05('sara@127.0.0.1:8080')?.domain, '127.0.0.1:8080');
  for (const bad of [undefined, '', 'sara', '@x.y', 'sara@localhost', 'sa ra@x.y', 'sara@x.y/path', 'a@b@c.d'])
    assert.equal(parseNip05(bad), undefined, String(bad));
});

test('nip05Url and nip05Proves follow NIP-05', () => {
  const id = parseNip05('sara@news.example')!;
  assert.equal(nip05Url(id), 'https://news.example/.well-known/nostr.json?name=sara');
  assert.equal(nip05Url(id, 'http:'), 'http://news.example/.well-known/nostr.json?name=sara');
  assert.equal(nip05Proves({ names: { sara: pk } }, 'sara', pk), true);
  assert.equal(nip05Proves({ names: { sara: pk.toUpperCase() } }, 'sara', pk), true);
  assert.equal(nip05Proves({ names: { sara: 'cd'.repeat(32) } }, 'sara', pk), false);
  assert.equal(nip05Proves({ names: { other: pk } }, 'sara', pk), false);
  for (const bad of [null, 'x', [], { names: null }, { names: [pk] }])
    assert.equal(nip05Proves(bad, 'sara', pk), false);
});
