import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { rawSocketOf } from './raw-socket.js';

// The relay writes its own frames to ws's private socket; this fails loudly if a ws upgrade moves it.
test('a server-side ws connection exposes the TCP socket the relay writes to', async () => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  const { port } = wss.address() as { port: number };
  const accepted = once(wss, 'connection');
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  const [server] = (await accepted) as [WebSocket];
  const socket = rawSocketOf(server);
  assert.equal(typeof socket.writableLength, 'number');
  // A hand-made unmasked text frame "hi" written straight to the socket arrives as a message.
  const got = once(client, 'message');
  socket.write(Buffer.from([0x81, 0x02, 0x68, 0x69]));
  assert.equal(String((await got)[0]), 'hi');
  assert.throws(() => rawSocketOf({} as WebSocket), /_socket/);
  client.close();
  wss.close();
});
