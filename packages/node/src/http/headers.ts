import type { MiddlewareHandler } from 'hono';

/**
 * Headers on every response the node sends: pages, assets, blobs, NIP-11, 304s, errors and the
 * refusals sent while the node shuts down. nosniff stops a browser from running a response as
 * another type than the one declared (a blob or JSON taken for script or HTML); no-referrer keeps
 * the address of what a reader was looking at out of the logs of every site a page links to.
 * Route groups add only what is particular to them (a CSP, caching).
 */
export const EVERY_RESPONSE: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Sets EVERY_RESPONSE on whatever the routes and the error handler answered. With `onionLocation`
 * (the node's .onion origin), HTML pages also carry Onion-Location naming the same path there, so
 * Tor Browser offers the onion service to readers who reached the clearnet address.
 */
export function everyResponse(onionLocation = ''): MiddlewareHandler {
  const onion = onionLocation.replace(/\/+$/, '');
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(EVERY_RESPONSE)) c.res.headers.set(name, value);
    if (onion && c.res.headers.get('content-type')?.startsWith('text/html')) {
      const url = new URL(c.req.url);
      c.res.headers.set('onion-location', `${onion}${url.pathname}${url.search}`);
    }
  };
}
