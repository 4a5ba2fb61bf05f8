import type { Hono } from 'hono';
import type { Config } from '@lifeline/config';
import type { RelayInfoDocument } from '@lifeline/nostr';
import type { EventStore } from '@lifeline/store';
import { badRequest, httpError } from '../http/errors.js';
import { httpOrigin } from '../media/index.js';
import type { Logger } from '../log.js';
import { requireAdmin } from './auth.js';
import { callMethod } from './methods.js';
import type { ModerationStore } from './state.js';

export { parseAdmins } from './admins.js';
export { ModerationStore } from './state.js';

/** NIP-86's content type: a POST to the relay URL with it is a management call. */
export const NIP86_CONTENT_TYPE = 'application/nostr+json+rpc';

/** Largest management request body: a method name, a key and a reason fit in far less. */
const MAX_BODY = 16 * 1024;

/** What the management API needs from the node. */
export interface Nip86Deps {
  moderation: ModerationStore;
  store: EventStore;
  /** Hex operator keys from `admin`. */
  admins: readonly string[];
  /** The relay's WebSocket URL (a token's `u` may name it). */
  relayUrl: string;
  log: Logger;
}

/**
 * NIP-86 relay management: JSON-RPC over HTTP POST at the relay URL, authorised by NIP-98 for the
 * `--admin` keys. Without admins the endpoint answers 404 nip86-off.
 */
export function nip86Routes(deps: Nip86Deps, settings: Pick<Config, 'publicUrl'>) {
  const admins = new Set(deps.admins);
  const at = { origin: httpOrigin(settings.publicUrl), relayUrl: deps.relayUrl };
  return (app: Hono) => {
    app.post('/', async (c, next) => {
      const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== NIP86_CONTENT_TYPE) return next();
      if (admins.size === 0) throw httpError('nip86-off');
      const body = new Uint8Array(await c.req.arrayBuffer());
      if (body.length > MAX_BODY) throw httpError('too-large', `a management request is at most ${MAX_BODY} bytes`);
      const admin = requireAdmin(c, admins, at, body);
      const call = parseCall(body);
      const answer = await callMethod(call.method, call.params, deps);
      // Who changed what is the operator's audit trail; pubkeys of admins are not personal data here.
      if ('result' in answer && !call.method.startsWith('list') && call.method !== 'supportedmethods')
        deps.log.info('nip86 change', { admin, method: call.method, subject: String(call.params[0] ?? '') });
      c.header('cache-control', 'no-store');
      return c.json(answer);
    });
  };
}

/** The request body as `{ method, params }`, or 400 bad-request. */
function parseCall(body: Uint8Array): { method: string; params: unknown[] } {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw badRequest('the body is not JSON: send {"method": "…", "params": […]}');
  }
  const { method, params } = (data ?? {}) as { method?: unknown; params?: unknown };
  if (typeof data !== 'object' || Array.isArray(data) || typeof method !== 'string')
    throw badRequest('the body needs a "method" string: {"method": "…", "params": […]}');
  if (params !== undefined && !Array.isArray(params)) throw badRequest('"params" must be an array');
  return { method, params: (params as unknown[] | undefined) ?? [] };
}

/** The NIP-11 document with the name, description and icon set through NIP-86, if any. */
export function withInfoOverrides(info: RelayInfoDocument, moderation: ModerationStore): RelayInfoDocument {
  const { name, description, icon } = moderation.rules.snapshot();
  return { ...info, ...(name ? { name } : {}), ...(description ? { description } : {}), ...(icon ? { icon } : {}) };
}
