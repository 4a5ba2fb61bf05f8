import type { Hono, MiddlewareHandler } from 'hono';
import type { Config } from '@lifeline/config';
import { relayInfoDocument, type RelayInfoDocument } from '@lifeline/nostr';

/** The settings the NIP-11 document reports. */
export type Nip11Settings = Pick<
  Config,
  | 'name'
  | 'description'
  | 'operatorPubkey'
  | 'contact'
  | 'icon'
  | 'banner'
  | 'maxMessageBytes'
  | 'maxSubscriptions'
  | 'maxLimit'
  | 'maxEventTags'
  | 'maxContentBytes'
  | 'minPowBits'
  | 'authRequired'
  | 'createdAtPastSeconds'
  | 'createdAtFutureSeconds'
  | 'maxFilters'
  | 'maxSearchLength'
  | 'maxSearchTerms'
  | 'maxConnectionQueries'
  | 'connectionQueryCostPerSecond'
  | 'connectionQueryBurst'
  | 'maxOutboundBytes'
>;

/**
 * The NIP-11 document for this node (`self` is the node's own signing key, when it has one): `supported_nips` is what the relay reports for its verbs,
 * pipeline and configured policies (plus 11 itself), and every limit is the configured one.
 * `software` is left out: NIP-11 says it MUST be the URL of the project's homepage, and Lifeline
 * has no public home yet (`version` still names the release).
 */
export function relayInfo(settings: Nip11Settings, relayNips: readonly number[], self?: string): RelayInfoDocument {
  return relayInfoDocument({
    name: settings.name,
    description: settings.description,
    ...(settings.operatorPubkey ? { pubkey: settings.operatorPubkey } : {}),
    ...(self ? { self } : {}),
    ...(settings.contact ? { contact: settings.contact } : {}),
    ...(settings.icon ? { icon: settings.icon } : {}),
    ...(settings.banner ? { banner: settings.banner } : {}),
    supported_nips: [11, ...relayNips],
    version: '0.1.0',
    limitation: {
      max_message_length: settings.maxMessageBytes,
      max_subscriptions: settings.maxSubscriptions,
      max_limit: settings.maxLimit,
      max_event_tags: settings.maxEventTags,
      max_content_length: settings.maxContentBytes,
      min_pow_difficulty: settings.minPowBits,
      auth_required: settings.authRequired,
      restricted_writes: settings.minPowBits > 0 || settings.authRequired,
      default_limit: settings.maxLimit,
      ...(settings.createdAtPastSeconds ? { created_at_lower_limit: settings.createdAtPastSeconds } : {}),
      created_at_upper_limit: settings.createdAtFutureSeconds,
      max_filters: settings.maxFilters,
      max_search_length: settings.maxSearchLength,
      max_search_terms: settings.maxSearchTerms,
      max_concurrent_queries: settings.maxConnectionQueries,
      query_cost_per_second: settings.connectionQueryCostPerSecond,
      query_cost_burst: settings.connectionQueryBurst,
      max_outbound_bytes: settings.maxOutboundBytes,
    },
  });
}

/** NIP-11: the relay information document, served at `/` to `Accept: application/nostr+json`. */
export function nip11(document: () => object): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path !== '/' || !(c.req.header('accept') ?? '').includes('application/nostr+json')) return next();
    const headers = { 'content-type': 'application/nostr+json', ...corsHeaders() };
    return new Response(c.req.method === 'HEAD' ? null : JSON.stringify(document()), { status: 200, headers });
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
