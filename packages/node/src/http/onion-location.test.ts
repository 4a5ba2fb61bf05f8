import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpApp } from './app.js';

// Tor Browser offers the onion address when a page names it; only HTML pages do, others never.
const routes = [
  (a: import('hono').Hono) => {
    a.get('/page', (c) => c.html('<!doctype html><title>x</title>'));
    a.get('/data', (c) => c.json({ ok: true }));
  },
];
const onion = 'http://exampleonionaddressxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx.onion';

test('with onionLocation, HTML pages carry Onion-Location naming the same path and query', async () => {
  const app = createHttpApp({ relayInfo: () => ({}), onBug: () => undefined, routes, onionLocation: `${onion}/` });
  const page = await app.request('http://node.example/page?lang=fa');
  assert.equal(page.headers.get('onion-location'), `${onion}/page?lang=fa`);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
  const data = await app.request('http://node.example/data');
  assert.equal(data.headers.get('onion-location'), null);
});

test('without onionLocation no page carries the header', async () => {
  const app = createHttpApp({ relayInfo: () => ({}), onBug: () => undefined, routes });
  assert.equal((await app.request('http://node.example/page')).headers.get('onion-location'), null);
});
