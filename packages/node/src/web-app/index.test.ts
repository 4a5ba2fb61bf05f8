import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { createHttpApp } from '../http/app.js';
import { webAppRoutes } from './index.js';

function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeline-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'app-ABC.js'), 'console.log("hello");'.repeat(100));
  return dir;
}

const appOver = (dir: string) =>
  createHttpApp({ relayInfo: () => ({}), onBug: (e) => assert.fail(e), routes: [webAppRoutes(dir)] });
const app = appOver(fixtureDir());

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

test('a missing asset is 404; without a build, / is 503 and says how to build', async () => {
  assert.equal((await app.request('/assets/missing.js')).status, 404);
  const unbuilt = await appOver(join(tmpdir(), 'lifeline-no-such-dir')).request('/');
  assert.equal(unbuilt.status, 503);
  assert.match(await unbuilt.text(), /npm run build/);
  assert.equal((await appOver('').request('/')).status, 503);
});
