import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { defaults } from '@lifeline/config';
import { LIVE_ASSETS } from '@lifeline/liveblog';
import { NaiveStore } from '@lifeline/store/testing';
import { createLogger } from '../log.js';
import { liveRoutes } from '../live/index.js';
import { openMediaServer } from '../media/index.js';
import { webAppRoutes } from '../web-app/index.js';
import { createHttpApp } from './app.js';
import { httpError } from './errors.js';
import { EVERY_RESPONSE } from './headers.js';

// Every route group of the node, over a temp web build and media directory.
const root = mkdtempSync(join(tmpdir(), 'lifeline-headers-'));
const web = join(root, 'web');
mkdirSync(join(web, 'assets'), { recursive: true });
writeFileSync(join(web, 'index.html'), '<!doctype html><title>x</title>');
writeFileSync(join(web, 'assets', 'app-ABC.js'), 'console.log(1);');
writeFileSync(join(web, 'manifest.webmanifest'), '{}');
const media = await openMediaServer({ ...defaults(), data: root, mediaUploadAuth: false }, createLogger('silent'));
after(() => {
  media.close();
  rmSync(root, { recursive: true, force: true });
});
const app = createHttpApp({
  relayInfo: () => ({ name: 'test' }),
  onBug: () => undefined,
  routes: [
    media.routes,
    liveRoutes({ store: new NaiveStore(), onStored: () => undefined, webDir: web }),
    (a) => {
      a.get('/bug', () => {
        throw new Error('a bug');
      });
      a.get('/busy', () => {
        throw httpError('shutting-down');
      });
    },
    webAppRoutes(web),
  ],
});

// A 1x1 PNG: the media server re-encodes it, so the stored blob's hash is only known after upload.
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWM4w8AAAAJoAM1w/7HYAAAAAElFTkSuQmCC',
  'base64',
);
const uploaded = await app.request('/upload', { method: 'PUT', body: png });
assert.equal(uploaded.status, 201, await uploaded.clone().text());
const blob = `/${((await uploaded.json()) as { sha256: string }).sha256}`;

const npub = `npub1${'q'.repeat(58)}`;
const cases: Array<{ what: string; path: string; status: number; init?: RequestInit }> = [
  { what: 'web app page', path: '/', status: 200 },
  { what: 'web app page, HEAD', path: '/', status: 200, init: { method: 'HEAD' } },
  { what: 'web app page, revalidated', path: '/', status: 304, init: { headers: { 'if-none-match': 'ETAG:/' } } },
  { what: 'web app file', path: '/manifest.webmanifest', status: 200 },
  { what: 'hashed asset', path: '/assets/app-ABC.js', status: 200 },
  {
    what: 'hashed asset, revalidated',
    path: '/assets/app-ABC.js',
    status: 304,
    init: { headers: { 'if-none-match': 'ETAG:/assets/app-ABC.js' } },
  },
  { what: 'missing asset', path: '/assets/nope.js', status: 404 },
  { what: 'live-blog stylesheet', path: LIVE_ASSETS.css, status: 200 },
  { what: 'live-blog reader script', path: LIVE_ASSETS.script, status: 200 },
  {
    what: 'live-blog stylesheet, revalidated',
    path: LIVE_ASSETS.css,
    status: 304,
    init: { headers: { 'if-none-match': `ETAG:${LIVE_ASSETS.css}` } },
  },
  { what: 'live-blog with a bad npub', path: '/live/not-an-npub/d', status: 400 },
  { what: 'live-blog not on this node', path: `/live/${'a'.repeat(64)}/d`, status: 404 },
  { what: 'live-blog feed not on this node', path: `/live/${npub}/d/feed.atom`, status: 400 },
  { what: 'blob', path: blob, status: 200 },
  { what: 'blob, HEAD', path: blob, status: 200, init: { method: 'HEAD' } },
  { what: 'blob, range', path: blob, status: 206, init: { headers: { range: 'bytes=0-3' } } },
  { what: 'blob, range outside', path: blob, status: 416, init: { headers: { range: 'bytes=999999-' } } },
  { what: 'blob, revalidated', path: blob, status: 304, init: { headers: { 'if-none-match': `"${blob.slice(1)}"` } } },
  { what: 'blob not stored', path: `/${'b'.repeat(64)}`, status: 404 },
  { what: 'blob list without authorization', path: `/list/${'c'.repeat(64)}`, status: 401 },
  { what: 'blob list, bad pubkey', path: '/list/xyz', status: 400 },
  { what: 'GET of the upload endpoint', path: '/upload', status: 405 },
  { what: 'NIP-11 document', path: '/', status: 200, init: { headers: { accept: 'application/nostr+json' } } },
  { what: 'NIP-11 preflight', path: '/', status: 204, init: { method: 'OPTIONS' } },
  { what: 'unknown path', path: '/nowhere', status: 404 },
  {
    what: 'unknown path, JSON error',
    path: '/nowhere',
    status: 404,
    init: { headers: { accept: 'application/json' } },
  },
  { what: 'a bug', path: '/bug', status: 500 },
  { what: 'shutting down', path: '/busy', status: 503 },
];

/** Replaces an `ETAG:<path>` placeholder with the ETag the path is served with now. */
async function withEtag(init: RequestInit | undefined): Promise<RequestInit | undefined> {
  const want = (init?.headers as Record<string, string> | undefined)?.['if-none-match'];
  if (!want?.startsWith('ETAG:')) return init;
  const etag = (await app.request(want.slice(5))).headers.get('etag');
  assert.ok(etag, `${want.slice(5)} has an ETag`);
  return { ...init, headers: { 'if-none-match': etag } };
}

for (const c of cases) {
  test(`${c.what}: ${c.status} with the headers every response carries`, async () => {
    const res = await app.request(c.path, await withEtag(c.init));
    assert.equal(res.status, c.status, `${c.init?.method ?? 'GET'} ${c.path}`);
    for (const [name, value] of Object.entries(EVERY_RESPONSE))
      assert.equal(res.headers.get(name), value, `${name} on ${c.path}`);
  });
}

test('route groups keep their own headers next to the common ones', async () => {
  const page = await app.request('/');
  assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  const b = await app.request(blob);
  assert.match(b.headers.get('content-security-policy') ?? '', /^sandbox/);
  assert.equal(b.headers.get('access-control-allow-origin'), '*');
});
