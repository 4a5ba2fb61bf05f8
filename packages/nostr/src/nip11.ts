/** Server limits advertised in a NIP-11 document; every field is optional. */
export interface RelayLimitation {
  max_message_length?: number;
  max_subscriptions?: number;
  max_limit?: number;
  max_subid_length?: number;
  max_event_tags?: number;
  max_content_length?: number;
  min_pow_difficulty?: number;
  auth_required?: boolean;
  payment_required?: boolean;
  restricted_writes?: boolean;
  created_at_lower_limit?: number;
  created_at_upper_limit?: number;
  default_limit?: number;
  /** Not in NIP-11 (Lifeline's): most filters per REQ or COUNT. */
  max_filters?: number;
  /** Not in NIP-11 (Lifeline's): longest NIP-50 search string, in characters. */
  max_search_length?: number;
  /** Not in NIP-11 (Lifeline's): most words in one NIP-50 search. */
  max_search_terms?: number;
  /** Not in NIP-11 (Lifeline's): stored queries one connection may have queued or running. */
  max_concurrent_queries?: number;
  /** Not in NIP-11 (Lifeline's): a connection's work budget, refill per second and size (docs/config.md). */
  query_cost_per_second?: number;
  query_cost_burst?: number;
  /** Not in NIP-11 (Lifeline's): bytes that may wait for a client before it is disconnected. */
  max_outbound_bytes?: number;
  /** Lifeline's own: the largest NIP-77 negentropy message the relay sends, before hex. */
  negentropy_frame_bytes?: number;
}

/** What the node knows about itself; undefined fields are left out of the document. */
export interface RelayInfoInput {
  name?: string;
  description?: string;
  banner?: string;
  icon?: string;
  /** Operator's hex pubkey. */
  pubkey?: string;
  /** The relay's own hex pubkey (NIP-11 `self`). */
  self?: string;
  contact?: string;
  supported_nips?: number[];
  software?: string;
  version?: string;
  terms_of_service?: string;
  posting_policy?: string;
  language_tags?: string[];
  tags?: string[];
  limitation?: RelayLimitation;
  /** Lifeline's own: relay URLs this node mirrors continuously (NIP-77), for clients to fail over to. */
  mirrors?: string[];
}

/** The NIP-11 relay information document served for `Accept: application/nostr+json`. */
export type RelayInfoDocument = RelayInfoInput;

/** Keeps only defined fields so the JSON never carries nulls or empty placeholders. */
function defined<T extends object>(input: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(input) as Array<keyof T>) {
    if (input[key] !== undefined) out[key] = input[key];
  }
  return out;
}

const TOP_LEVEL: ReadonlyArray<keyof RelayInfoInput> = [
  'name',
  'description',
  'banner',
  'icon',
  'pubkey',
  'self',
  'contact',
  'supported_nips',
  'software',
  'version',
  'terms_of_service',
  'posting_policy',
  'language_tags',
  'tags',
  'mirrors',
];

const LIMITS: ReadonlyArray<keyof RelayLimitation> = [
  'max_message_length',
  'max_subscriptions',
  'max_limit',
  'max_subid_length',
  'max_event_tags',
  'max_content_length',
  'min_pow_difficulty',
  'auth_required',
  'payment_required',
  'restricted_writes',
  'created_at_lower_limit',
  'created_at_upper_limit',
  'default_limit',
  'max_filters',
  'max_search_length',
  'max_search_terms',
  'max_concurrent_queries',
  'query_cost_per_second',
  'query_cost_burst',
  'max_outbound_bytes',
  'negentropy_frame_bytes',
];

/**
 * Builds the NIP-11 document from typed input, copying only known, defined fields (so a config
 * object with extra keys cannot leak them) with supported_nips sorted and deduplicated.
 */
export function relayInfoDocument(input: RelayInfoInput): RelayInfoDocument {
  const doc: Record<string, unknown> = {};
  for (const key of TOP_LEVEL) {
    const value = input[key];
    if (value === undefined) continue;
    doc[key] =
      key === 'supported_nips'
        ? [...new Set(value as number[])].sort((a, b) => a - b)
        : Array.isArray(value)
          ? [...value]
          : value;
  }
  if (input.limitation) {
    const picked: Record<string, unknown> = {};
    for (const key of LIMITS) picked[key] = input.limitation[key];
    const limitation = defined(picked);
    if (Object.keys(limitation).length > 0) doc.limitation = limitation;
  }
  return doc as RelayInfoDocument;
}
