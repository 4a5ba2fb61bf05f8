import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { keys, signed, type TestKeys } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { signerAuthenticator } from './auth.js';
import { createRelayPool, normalizeRelayUrls } from './pool.js';
import type { WebSocketConstructor } from './relay-connection.js';
import type { Signer } from './signer.js';
import type { EventTemplate, SignedEvent } from './types.js';

const WS = WebSocket as unknown as WebSocketConstructor;

function testSigner(who: TestKeys): Signer {
  return {
    getPublicKey: async () => who.pk,
    signEvent: async (t) => signed(who, t),
  };
}

test('signerAuthenticator answers a challenge for one relay, and only for relays it allows', async () => {
  const who = keys();
  const asked: EventTemplate[] = [];
  const signer: Signer = {
    ...testSigner(who),
    signEvent: async (t) => {
      asked.push({ ...t });
      return signed(who, t);
    },
  };
  const authenticate = signerAuthenticator(signer, (url) => url === 'wss://r');
  assert.equal((await authenticate('abc', 'wss://r'))?.pubkey, who.pk);
  assert.equal(await authenticate('abc', 'wss://elsewhere'), undefined, 'a relay not allowed learns nothing');
  assert.equal(asked.length, 1);
  const [template] = asked as [EventTemplate];
  assert.deepEqual(
    { ...template, created_at: 0 },
    {
      kind: 22242,
      created_at: 0,
      tags: [
        ['relay', 'wss://r'],
        ['challenge', 'abc'],
      ],
      content: '',
    },
  );
  assert.ok(Math.abs(template.created_at - Date.now() / 1000) < 60, 'created_at is now');
});

test('against a relay requiring NIP-42, the pool authenticates only when given an authenticator', async () => {
  const node = await startTestNode({ authRequired: true });
  const [url] = normalizeRelayUrls([node.url]);
  const alice = keys();
  const anonymous = createRelayPool({ relays: [node.url], WebSocket: WS });
  const authed = createRelayPool({
    relays: [node.url],
    WebSocket: WS,
    authenticate: signerAuthenticator(testSigner(alice)),
  });
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
