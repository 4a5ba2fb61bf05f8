import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHttpApp, HttpError } from './app.js';
import { httpError } from './errors.js';

const bugs: Error[] = [];
const app = createHttpApp({
  relayInfo: () => ({ name: 'test relay' }),
  onBug: (e) => bugs.push(e),
  routes: [
    (a) => {
      a.get('/gone', () => {
        throw httpError('not-found', 'no such page');
      });
      a.get('/teapot', () => {
        throw new HttpError(418, 'teapot', 'short and stout');
      });
      a.get('/bug', () => {
        throw new Error('secret detail');
      });
    },
  ],
});

test('NIP-11 document for Accept: application/nostr+json, with CORS', async () => {
  const res = await app.request('/', { headers: { accept: 'application/nostr+json' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/nostr+json');
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.deepEqual(await res.json(), { name: 'test relay' });
  const pre = await app.request('/', { method: 'OPTIONS' });
  assert.equal(pre.status, 204);
});

test('unknown paths are 404; HttpErrors keep their status; bugs are 500 without detail', async () => {
  assert.equal((await app.request('/nope')).status, 404);
  const gone = await app.request('/gone');
  assert.equal(gone.status, 404);
  assert.equal(gone.headers.get('x-reason'), 'no such page');
  const tea = await app.request('/teapot', { headers: { accept: 'application/json' } });
  assert.equal(tea.status, 418);
  assert.deepEqual(await tea.json(), { error: 'teapot', message: 'short and stout' });
  const bug = await app.request('/bug');
  assert.equal(bug.status, 500);
  assert.doesNotMatch(await bug.text(), /secret/);
  assert.equal(bugs.length, 1);
});
