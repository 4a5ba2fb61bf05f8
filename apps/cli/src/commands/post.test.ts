import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { nsecEncode } from 'nostr-tools/nip19';
import { encrypt } from 'nostr-tools/nip49';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { keys } from '@lifeline/testkit';
import { startTestNode } from '@lifeline/testkit/node';
import { cli } from '../testing.js';

useWebSocketImplementation(WebSocket);

const node = await startTestNode();
after(() => node.stop());

const { sk, pk } = keys();

test('post signs a note, the relay accepts it and a REQ reads it back with its hashtag', async () => {
  const run = await cli(['post', '--relay', node.url, 'Crowds in #Tehran tonight'], {
    env: { LIFELINE_KEY: nsecEncode(sk) },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, new RegExp(`^${node.url}  OK`, 'm'));
  const relay = await Relay.connect(node.url);
  try {
    const events = await new Promise<{ content: string; tags: string[][] }[]>((resolve) => {
      const got: { content: string; tags: string[][] }[] = [];
      relay.subscribe([{ authors: [pk], kinds: [1] }], { onevent: (e) => got.push(e), oneose: () => resolve(got) });
    });
    assert.equal(events.length, 1);
    assert.equal(events[0]!.content, 'Crowds in #Tehran tonight');
    assert.deepEqual(events[0]!.tags, [['t', 'tehran']]);
  } finally {
    relay.close();
  }
});

test('an ncryptsec key with its passphrase works; a wrong one exits 2', async () => {
  const key = encrypt(sk, 'pass', 8);
  const ok = await cli(['post', '--relay', node.url, '--key', key, 'encrypted key'], {
    env: { LIFELINE_PASSPHRASE: 'pass' },
  });
  assert.equal(ok.code, 0, ok.stderr);
  const bad = await cli(['post', '--relay', node.url, '--key', key, '--passphrase', 'nope', 'x']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /wrong passphrase/);
});

test('exit code is 1 when no relay accepted, with each relay reported', async () => {
  const run = await cli(['post', '--relay', 'ws://127.0.0.1:1', 'nobody listens'], {
    env: { LIFELINE_KEY: nsecEncode(sk) },
  });
  assert.equal(run.code, 1);
  assert.match(run.stdout, /ws:\/\/127\.0\.0\.1:1 {2}FAILED {2}connection failed/);
  const mixed = await cli(['post', '--relay', 'ws://127.0.0.1:1', '--relay', node.url, 'one of two'], {
    env: { LIFELINE_KEY: nsecEncode(sk) },
  });
  assert.equal(mixed.code, 0);
});

test('post refuses missing relays, text or key', async () => {
  assert.equal((await cli(['post', 'text'], { env: { LIFELINE_KEY: nsecEncode(sk) } })).code, 2);
  assert.equal((await cli(['post', '--relay', node.url], { env: { LIFELINE_KEY: nsecEncode(sk) } })).code, 2);
  const noKey = await cli(['post', '--relay', node.url, 'x'], { env: { LIFELINE_KEY: '' } });
  assert.equal(noKey.code, 2);
  assert.match(noKey.stderr, /secret key/);
});
