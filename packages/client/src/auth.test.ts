import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { buildAuthEvent, signerAuthenticator } from './auth.js';
import { createRelayPool, normalizeRelayUrls } from './pool.js';
import type { WebSocketConstructor } from './relay-connection.js';
import type { Signer } from './signer.js';
import type { SignedEvent } from './types.js';

const WS = WebSocket as unknown as WebSocketConstructor;

function testSigner(who: TestKeys): Signer {
  return {
    getPublicKey: async () => who.pk,
    signEvent: async (t) => signed(who, t),
  };
}

test('buildAuthEvent answers a challenge for one relay', () => {
  assert.deepEqual(buildAuthEvent('abc', 'wss://r', { created_at: 1 }), {
    kind: 22242,
    created_at: 1,
    tags: [['relay', 'wss://r'], ['challenge', 'abc']],
    content: '',
  });
});

test('against a relay requiring NIP-42, the pool authenticates only when given an authenticator', async () => {
  const node = await startTestNode({ authRequired: true });
  const [url] = normalizeRelayUrls([node.url]);
  const alice = keys();
  const anonymous = createRelayPool({ relays: [node.url], WebSocket: WS });
  const authed = createRelayPool({ relays: [node.url], WebSocket: WS, authenticate: signerAuthenticator(testSigner(alice)) });
  const declined = createRelayPool({
    relays: [node.url],
    WebSocket: WS,
    authenticate: signerAuthenticator(testSigner(alice), () => false),
  });
  try {
    const note = signed(alice, { content: 'needs auth' }) as SignedEvent;
    const [refused] = await anonymous.publish(note);
    assert.equal(refused?.ok, false);
    assert.match(refused!.message, /^auth-required:/);
    assert.match((await declined.publish(note))[0]!.message, /^auth-required:/);
    const report = await anonymous.queryReport([{ authors: [alice.pk] }], { timeoutMs: 2000 });
    assert.deepEqual(report.failed, [url]);

    const [ok] = await authed.publish(note);
    assert.equal(ok?.ok, true, ok?.message);
    // A protected (NIP-70) note is accepted from its authenticated author.
    const prot = signed(alice, { content: 'protected', tags: [['-']] }) as SignedEvent;
    assert.equal((await authed.publish(prot))[0]?.ok, true);
    const events = await authed.query([{ authors: [alice.pk] }], { timeoutMs: 3000 });
    assert.deepEqual(events.map((e) => e.content).sort(), ['needs auth', 'protected']);
  } finally {
    anonymous.close();
    authed.close();
    declined.close();
    await node.stop();
  }
});
