import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocketServer } from 'ws';
import type { NostrEvent } from '@lifeline/nostr';
import { keys, signed } from '@lifeline/testkit';
import { publishTo } from './publish.js';

// A stand-in relay whose answer each test chooses.
let answer: (event: NostrEvent) => unknown[] | undefined = () => undefined;
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
await new Promise((r) => wss.once('listening', r));
const url = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
wss.on('connection', (ws) =>
  ws.on('message', (data) => {
    const [, event] = JSON.parse(String(data)) as [string, NostrEvent];
    const reply = answer(event);
    if (reply) ws.send(JSON.stringify(reply));
  }),
);
after(() => wss.close());

const event = signed(keys(), { kind: 1, created_at: 1, tags: [], content: 'x' });

test('the relay OK and its reason are reported as given', async () => {
  answer = (e) => ['OK', e.id, false, 'pow: difficulty 0 is less than 8'];
  assert.deepEqual(await publishTo(url, event), { relay: url, ok: false, message: 'pow: difficulty 0 is less than 8' });
  answer = (e) => ['OK', e.id, true, ''];
  assert.deepEqual(await publishTo(url, event), { relay: url, ok: true, message: '' });
});

test('an OK for another id is ignored and silence times out clearly', async () => {
  answer = () => ['OK', 'f'.repeat(64), true, ''];
  const r = await publishTo(url, event, 200);
  assert.equal(r.ok, false);
  assert.equal(r.message, 'no answer within 0.2 s');
});

test('unreachable and malformed relay URLs are results, not exceptions', async () => {
  assert.match((await publishTo('ws://127.0.0.1:1', event)).message, /^connection failed/);
  assert.match((await publishTo('not a url', event)).message, /^bad relay URL/);
});
