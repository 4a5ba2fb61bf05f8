import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An HTTP failure that ends the request with a status and a short machine-readable code. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** 400: the request itself is malformed. */
export const badRequest = (message: string) => new HttpError(400, 'bad-request', message);
/** 404: nothing at this address. */
export const notFound = (message = 'not found') => new HttpError(404, 'not-found', message);

/**
 * The one error boundary for HTTP: HttpErrors become their status with a JSON or text body;
 * anything else is a bug, answered with 500 and no detail.
 */
export function renderError(err: Error, c: Context, onBug: (err: Error) => void): Response {
  const known = err instanceof HttpError ? err : undefined;
  if (!known) onBug(err);
  const status = known?.status ?? 500;
  const code = known?.code ?? 'internal';
  const message = known?.message ?? 'internal error';
  const headers: Record<string, string> = { ...(known?.headers ?? {}), 'cache-control': 'no-store' };
  // Blossom (BUD-01) clients read a reason from X-Reason.
  headers['x-reason'] = message.replace(/[^\x20-\x7e]/g, '?');
  if ((c.req.header('accept') ?? '').includes('application/json')) {
    return c.json({ error: code, message }, status, headers);
  }
  return c.text(`${message}\n`, status, headers);
}
