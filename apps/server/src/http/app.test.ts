import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createHttpApp, HttpError } from './app.js';
import { webAppRoutes } from './web-app.js';

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'app-ABC.js'), 'console.log("hello");'.repeat(100));
  return dir;
}

const bugs: Error[] = [];
const app = createHttpApp({
  relayInfo: () => ({ name: 'test relay' }),
  onBug: (e) => bugs.push(e),
  routes: [
    webAppRoutes(fixtureDir()),
    (a) => {
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

test('the web app index is served with a CSP that allows no third-party scripts', async () => {
  const res = await app.request('/');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
  assert.equal(await res.text(), '<!doctype html><title>x</title>');
});

test('hashed assets are compressed, cached forever and revalidate by ETag', async () => {
  const res = await app.request('/assets/app-ABC.js', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  const body = gunzipSync(Buffer.from(await res.arrayBuffer())).toString();
  assert.ok(body.startsWith('console.log("hello");'));
  const etag = res.headers.get('etag') ?? '';
  const again = await app.request('/assets/app-ABC.js', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
});

test('unknown paths are 404; HttpErrors keep their status; bugs are 500 without detail', async () => {
  assert.equal((await app.request('/nope')).status, 404);
  assert.equal((await app.request('/assets/missing.js')).status, 404);
  const tea = await app.request('/teapot', { headers: { accept: 'application/json' } });
  assert.equal(tea.status, 418);
  assert.deepEqual(await tea.json(), { error: 'teapot', message: 'short and stout' });
  const bug = await app.request('/bug');
  assert.equal(bug.status, 500);
  assert.doesNotMatch(await bug.text(), /secret/);
  assert.equal(bugs.length, 1);
});
