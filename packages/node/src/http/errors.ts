import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { EVERY_RESPONSE } from './headers.js';

/**
 * Every error the node's HTTP side answers with, declared once (fastify's errors.js): the code
 * clients see, its status, and the message used when a throw site gives none.
 */
export const HTTP_ERRORS = {
  'bad-request': { status: 400, message: 'bad request' },
  aborted: { status: 400, message: 'the upload ended before its body was complete' },
  unauthorized: { status: 401, message: 'the authorization is not valid' },
  'auth-required': { status: 401, message: 'this endpoint requires a Blossom authorization' },
  'not-owner': { status: 403, message: 'only a pubkey that uploaded this blob may do this' },
  'not-found': { status: 404, message: 'not found' },
  'method-not-allowed': { status: 405, message: 'method not allowed' },
  'hash-mismatch': { status: 409, message: 'X-SHA-256 does not match the uploaded bytes' },
  'length-required': { status: 411, message: 'X-Content-Length is required' },
  'too-large': { status: 413, message: 'file is too large' },
  'range-not-satisfiable': { status: 416, message: 'range is outside the blob' },
  busy: { status: 503, message: 'too many uploads in progress, try again shortly' },
  'shutting-down': { status: 503, message: 'the node is shutting down, try again shortly' },
  'not-built': { status: 503, message: 'the web app is not built: run `npm run build`' },
  // Intake (issue 13).
  'not-member': { status: 403, message: 'only members of the desk may use the review queue' },
  'bad-signature': { status: 403, message: 'the webhook signature is missing or does not match' },
  'contact-leak': { status: 422, message: "the text contains the sender's contact details: redact them first" },
  'reply-unavailable': { status: 409, message: 'replies cannot go back through the channel this message came by' },
  'not-the-sender': { status: 400, message: 'that address is not the sender of this thread' },
  upstream: { status: 502, message: 'a file the webhook named could not be fetched' },
  'no-desk': { status: 503, message: 'intake needs a desk (--desk) with members to seal contact details to' },
  // NIP-86 relay management (issue 16).
  'not-admin': { status: 403, message: 'only the operator keys given with --admin may manage this relay' },
  'nip86-off': { status: 404, message: 'relay management (NIP-86) is off: no --admin keys are configured' },
  internal: { status: 500, message: 'internal error' },
} as const satisfies Record<string, { status: ContentfulStatusCode; message: string }>;

/** A code from the table. */
export type HttpErrorCode = keyof typeof HTTP_ERRORS;

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

/** The error for `code` from the table, with a more specific message and extra headers if given. */
export function httpError(code: HttpErrorCode, message?: string, headers: Record<string, string> = {}): HttpError {
  const entry = HTTP_ERRORS[code];
  return new HttpError(entry.status, code, message ?? entry.message, headers);
}

/** 400: the request itself is malformed. */
export const badRequest = (message: string) => httpError('bad-request', message);
/** 404: nothing at this address. */
export const notFound = (message?: string) => httpError('not-found', message);

/**
 * The one error boundary for HTTP: HttpErrors become their status with a JSON or text body;
 * anything else is a bug, answered with 500 and no detail.
 */
export function renderError(err: Error, c: Context, onBug: (err: Error) => void): Response {
  const known = err instanceof HttpError ? err : httpError('internal');
  if (known !== err) onBug(err);
  return errorResponse(known, c.req.header('accept'));
}

/**
 * An HttpError as a response, with the headers every response carries. Also used where no Hono
 * context exists: requests refused at the socket while the node shuts down, unreadable requests.
 */
export function errorResponse(err: HttpError, accept = ''): Response {
  const headers = new Headers({ ...err.headers, ...EVERY_RESPONSE, 'cache-control': 'no-store' });
  // Blossom (BUD-01) clients read a reason from X-Reason.
  headers.set('x-reason', err.message.replace(/[^\x20-\x7e]/g, '?'));
  if (accept.includes('application/json')) {
    headers.set('content-type', 'application/json');
    return new Response(JSON.stringify({ error: err.code, message: err.message }), { status: err.status, headers });
  }
  headers.set('content-type', 'text/plain; charset=UTF-8');
  return new Response(`${err.message}\n`, { status: err.status, headers });
}
