import type { Context } from 'hono';
import type { BlobStore, UploadPolicy } from '@lifeline/blossom';
import type { Logger } from '../log.js';
import { httpError, HttpError, type HttpErrorCode } from '../http/errors.js';

/** What the Blossom routes share: the store, the upload policy and how the node is addressed. */
export interface MediaDeps {
  store: BlobStore;
  policy: UploadPolicy;
  maxUploadBytes: number;
  uploadAuth: boolean;
  /** http(s) origin from --public-url; empty: the origin the request came to. */
  publicOrigin: string;
  /** Runs image re-encoding with bounded concurrency. */
  gate: <T>(task: () => Promise<T>) => Promise<T>;
  /** Uploads being received now, and how many may be, so buffered bodies stay bounded. */
  uploads: { active: number; max: number };
  log: Logger;
}

/** BUD-01: every response, errors included, must be readable cross-origin. */
export const CORS = { 'access-control-allow-origin': '*' } as const;

/** An HttpError that keeps the CORS header Blossom clients need to read X-Reason. */
export const mediaError = (code: HttpErrorCode, message?: string, headers: Record<string, string> = {}) =>
  httpError(code, message, { ...CORS, ...headers });

/** A refusal from @lifeline/blossom's upload checks (its status depends on why), with CORS. */
export const refusalError = (refusal: { status: HttpError['status']; code: string; reason: string }) =>
  new HttpError(refusal.status, refusal.code, refusal.reason, { ...CORS });

/** The origin blob URLs are built on. */
export function originOf(c: Context, deps: MediaDeps): string {
  return deps.publicOrigin || new URL(c.req.url).origin;
}

/** Host names a token's `server` tags may name to mean this node. */
export function serverNames(c: Context, deps: MediaDeps): string[] {
  const names = [new URL(c.req.url).hostname.toLowerCase()];
  if (deps.publicOrigin) names.push(new URL(deps.publicOrigin).hostname.toLowerCase());
  return names;
}
