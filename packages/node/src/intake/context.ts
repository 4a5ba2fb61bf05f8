import type { Context } from 'hono';
import { readLimited } from '@lifeline/blossom';
import type { Intake, IntakeStore } from '@lifeline/intake';
import type { NostrEvent } from '@lifeline/nostr';
import type { AddEventResult } from '@lifeline/relay';
import { badRequest, httpError } from '../http/errors.js';
import type { Logger } from '../log.js';
import { requireMember } from './auth.js';

/** What the intake routes share. */
export interface IntakeDeps {
  store: IntakeStore;
  intake: Intake;
  secret: Uint8Array;
  /** True for members of the node's default desk (the one contact details are sealed to). */
  isMember: (pubkey: string) => boolean;
  /** http(s) origin from --public-url; empty: the origin the request came to. */
  origin: string;
  /** The relay's one way in; set once the relay exists. */
  addEvent: (event: NostrEvent) => Promise<AddEventResult>;
  log: Logger;
}

/** Largest JSON body the queue's API reads (a corrected text, a signed event). */
export const MAX_API_BODY = 256 * 1024;

/** Reads a JSON body (bounded), then checks the member's NIP-98 token against it. */
export async function memberJson(
  c: Context,
  deps: IntakeDeps,
): Promise<{ member: string; body: Record<string, unknown> }> {
  const read = await readLimited(c.req.raw.body, MAX_API_BODY);
  if (!read.ok)
    throw read.tooLarge ? httpError('too-large', `the body is over ${MAX_API_BODY} bytes`) : httpError('aborted');
  const member = requireMember(c, deps.isMember, deps.origin, read.bytes);
  let body: unknown;
  try {
    body = read.bytes.length ? JSON.parse(read.bytes.toString('utf8')) : {};
  } catch {
    throw badRequest('the body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the body must be a JSON object');
  return { member, body: body as Record<string, unknown> };
}

/** The member for a request without a body. */
export const member = (c: Context, deps: IntakeDeps) => requireMember(c, deps.isMember, deps.origin);
