import type { Hono, MiddlewareHandler } from 'hono';

/** NIP-11: the relay information document, served at `/` to `Accept: application/nostr+json`. */
export function nip11(relayInfo: () => object): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path !== '/' || !(c.req.header('accept') ?? '').includes('application/nostr+json')) return next();
    const headers = { 'content-type': 'application/nostr+json', ...corsHeaders() };
    return new Response(c.req.method === 'HEAD' ? null : JSON.stringify(relayInfo()), { status: 200, headers });
  };
}

/** NIP-11: the document must be readable cross-origin, preflight included. */
export function nip11Preflight(app: Hono): void {
  app.options('*', (c) => c.body(null, 204, corsHeaders()));
}

function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': 'Authorization, *',
    'access-control-allow-methods': 'GET, HEAD, PUT, DELETE, OPTIONS',
  };
}
