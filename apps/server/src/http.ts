import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the HTTP side serves; grows as the web app and live-blog arrive. */
export interface HttpDeps {
  /** The NIP-11 relay information document. */
  relayInfo: () => object;
}

/** Handles plain HTTP requests: NIP-11 for `Accept: application/nostr+json`, a landing page otherwise. */
export function createHttpHandler(deps: HttpDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders()).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: 'GET, HEAD, OPTIONS' }).end('method not allowed\n');
      return;
    }
    if (path === '/' && (req.headers.accept ?? '').includes('application/nostr+json')) {
      res.writeHead(200, { 'content-type': 'application/nostr+json', ...corsHeaders() });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(deps.relayInfo()));
      return;
    }
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...securityHeaders() });
      res.end(req.method === 'HEAD' ? undefined : landingPage());
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  };
}

// NIP-11: the document must be readable cross-origin.
function corsHeaders(): Record<string, string> {
  return {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': '*',
    'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  };
}

function securityHeaders(): Record<string, string> {
  return {
    'content-security-policy': "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  };
}

function landingPage(): string {
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Lifeline</title><body><h1>Lifeline</h1><p>This is a Lifeline node: a Nostr relay. Connect a Nostr client to this address over WebSocket.</p></body></html>\n`;
}
