import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { test } from 'node:test';
import { StartError } from '../start-error.js';
import { EVERY_RESPONSE } from './headers.js';
import { NodeServer, type Handlers } from './server.js';

const ok: Handlers = {
  request: (_req, res) => res.end('ok'),
  upgrade: (_req, socket) => socket.end('HTTP/1.1 101 Switching Protocols\r\n\r\n'),
};

/** Everything the server sends until it closes the connection. */
async function readAll(socket: Socket): Promise<string> {
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await once(socket, 'close');
  return text;
}

test('listen hands the bound port to ready before answering; a taken port is a StartError', async () => {
  const server = new NodeServer();
  let readyPort = -1;
  const port = await server.listen(0, '127.0.0.1', (bound) => {
    readyPort = bound;
    return ok;
  });
  assert.ok(port > 0);
  assert.equal(readyPort, port);
  assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'ok');
  const second = new NodeServer();
  await assert.rejects(
    second.listen(port, '127.0.0.1', () => ok),
    (e: unknown) => e instanceof StartError && e.code === 'port-in-use' && e.message.includes(`port ${port} is in use`),
  );
  await server.shut();
});

test('after shut, a request or upgrade on a connection already open is refused with 503 and Connection: close', async () => {
  const server = new NodeServer();
  const port = await server.listen(0, '127.0.0.1', () => ok);
  // Connections that have begun a request are not idle, so closing the server leaves them open.
  const plain = connect(port, '127.0.0.1');
  const upgrade = connect(port, '127.0.0.1');
  await Promise.all([once(plain, 'connect'), once(upgrade, 'connect')]);
  plain.write('GET / HTTP/1.1\r\nHost: x\r\n');
  upgrade.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n');
  await new Promise((r) => setTimeout(r, 50));
  const closed = server.shut();
  const answers = Promise.all([readAll(plain), readAll(upgrade)]);
  plain.write('\r\n');
  upgrade.write('\r\n');
  const [toRequest, toUpgrade] = await answers;
  for (const answer of [toRequest, toUpgrade]) {
    assert.match(answer, /^HTTP\/1\.1 503 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
    for (const [name, value] of Object.entries(EVERY_RESPONSE))
      assert.match(answer, new RegExp(`\r\n${name}: ${value}\r\n`, 'i'));
    assert.match(answer, /shutting down/);
  }
  await closed;
});
