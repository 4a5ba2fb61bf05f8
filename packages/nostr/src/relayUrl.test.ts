import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeRelayUrl, sameRelayUrl } from './relayUrl.js';

test('normalizeRelayUrl canonicalizes scheme, host, port and path', () => {
  assert.equal(normalizeRelayUrl('wss://Relay.Example.COM/'), 'wss://relay.example.com');
  assert.equal(normalizeRelayUrl('wss://relay.example.com:443'), 'wss://relay.example.com');
  assert.equal(normalizeRelayUrl('ws://localhost:80/'), 'ws://localhost');
  assert.equal(normalizeRelayUrl('WS://localhost:7777//'), 'ws://localhost:7777');
  assert.equal(normalizeRelayUrl('https://r.org/nostr/?x=1#y'), 'wss://r.org/nostr');
  assert.equal(normalizeRelayUrl('http://r.org:8080'), 'ws://r.org:8080');
  assert.equal(normalizeRelayUrl(' wss://r.org '), 'wss://r.org');
  for (const bad of ['', 'relay.example.com', 'ftp://x', 'ALL_RELAYS', 'wss://']) {
    assert.equal(normalizeRelayUrl(bad), undefined, bad);
  }
});

test('sameRelayUrl compares normalized forms', () => {
  assert.ok(sameRelayUrl('wss://R.org', 'wss://r.org/'));
  assert.ok(!sameRelayUrl('wss://r.org', 'ws://r.org'));
  assert.ok(!sameRelayUrl('wss://r.org:444', 'wss://r.org'));
  assert.ok(!sameRelayUrl('x', 'x'));
});
