import type { Hono } from 'hono';
import { notFound, httpError } from '../http/errors.js';
import { loadStaticDir, serveStatic } from '../http/static-files.js';

/**
 * Headers for the web app's pages (nosniff and no-referrer are on every response: http/headers.ts).
 * No third-party origin may be contacted: scripts, styles and
 * fonts come from the node itself. WebSockets may go to any relay the user chose; images from
 * followed accounts may come from their hosts (strangers' images wait for a click, in the app).
 */
export const webAppSecurityHeaders: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; font-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob: https:; media-src 'self' blob: https:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'permissions-policy': 'geolocation=(), camera=(), microphone=(), interest-cohort=()',
};

/**
 * Serves the built web app from memory: `/` is index.html (revalidated every time), hashed files
 * under /assets/ are cached forever. `dir` is the `webDir` setting; without a build there, `/`
 * says how to make one.
 */
export function webAppRoutes(dir: string) {
  const files = loadStaticDir(dir);
  return (app: Hono) => {
    app.get('/', (c) => {
      const index = files.get('/index.html');
      if (!index) throw httpError('not-built');
      return serveStatic(index, c.req, 'no-cache', webAppSecurityHeaders);
    });
    app.get('/assets/*', (c) => {
      const file = files.get(c.req.path);
      if (!file) throw notFound();
      return serveStatic(file, c.req, 'public, max-age=31536000, immutable');
    });
    for (const [path, file] of files) {
      if (path.startsWith('/assets/') || path === '/index.html') continue;
      app.get(path, (c) => serveStatic(file, c.req, 'no-cache', webAppSecurityHeaders));
    }
  };
}
