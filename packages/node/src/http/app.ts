import { Hono } from 'hono';
import { HttpError, notFound, renderError } from './errors.js';
import { everyResponse } from './headers.js';
import { nip11, nip11Preflight } from '../nip11/index.js';

/** What the HTTP side needs from the node. */
export interface HttpDeps {
  /** The NIP-11 relay information document. */
  relayInfo: () => object;
  /** Called with unexpected errors (bugs); the client only sees a 500. */
  onBug: (err: Error) => void;
  /** Route groups mounted in order before the fallback: web app, live-blog, media. */
  routes: Array<(app: Hono) => void>;
  /** The node's onion-service origin for the Onion-Location header on HTML pages (`onionLocation`). */
  onionLocation?: string;
}

/**
 * The node's HTTP surface as one Hono app: the headers every response carries, NIP-11, then each
 * route group, then 404. Runs in-process for tests through `app.request()`.
 */
export function createHttpApp(deps: HttpDeps): Hono {
  const app = new Hono();
  // First, so it wraps everything below, errors included (onError answers inside this middleware).
  app.use('*', everyResponse(deps.onionLocation));
  app.use('*', nip11(deps.relayInfo));
  nip11Preflight(app);
  for (const mount of deps.routes) mount(app);
  app.notFound(() => {
    throw notFound();
  });
  app.onError((err, c) => renderError(err, c, deps.onBug));
  return app;
}

export { HttpError };
