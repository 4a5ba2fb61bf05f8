import type { Config } from '@lifeline/config';
import { protectedEvents, requireAuth } from './auth.js';
import { maxFilterValues, maxFilters } from './filters.js';
import { createdAtWindow, maxContentBytes, maxTags } from './limits.js';
import { requirePow } from './pow.js';
import { pubkeyRateLimit } from './rate-limit.js';
import type { Policies } from './types.js';

/** The node's policies as configured: cheap checks first, auth and proof of work only when asked for. */
export function defaultPolicies(config: Config): Policies {
  const auth = config.authRequired ? requireAuth() : undefined;
  return {
    rejectEvent: [
      ...(auth ? [auth.event] : []),
      maxTags(config.maxEventTags),
      maxContentBytes(config.maxContentBytes),
      createdAtWindow({ pastSeconds: config.createdAtPastSeconds, futureSeconds: config.createdAtFutureSeconds }),
      ...(config.minPowBits > 0 ? [requirePow(config.minPowBits)] : []),
      protectedEvents(),
    ],
    rejectSignedEvent: [
      pubkeyRateLimit({ perMinute: config.pubkeyEventsPerMinute, burst: config.pubkeyBurst }),
    ],
    rejectFilter: [
      ...(auth ? [auth.filter] : []),
      maxFilters(config.maxFilters),
      maxFilterValues(config.maxFilterValues),
    ],
  };
}
