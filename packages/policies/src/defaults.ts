import type { Config } from '@lifeline/config';
import { protectedEvents, requireAuth } from './auth.js';
import { createdAtWindow, maxContentBytes, maxTags } from './limits.js';
import { requirePow } from './pow.js';
import { pubkeyRateLimit, type PubkeyRateLimit } from './rate-limit.js';
import type { Policies } from './types.js';

/** The settings the default policies read. */
export type PolicySettings = Pick<
  Config,
  | 'authRequired'
  | 'maxEventTags'
  | 'maxContentBytes'
  | 'createdAtPastSeconds'
  | 'createdAtFutureSeconds'
  | 'minPowBits'
  | 'pubkeyEventsPerMinute'
  | 'pubkeyBurst'
>;

/**
 * The node's policies as configured: cheap checks first, auth and proof of work only when asked
 * for. Filter counts and sizes are not policies: the relay bounds them before parsing further.
 */
export function defaultPolicies(settings: PolicySettings): Policies & { rateLimit: PubkeyRateLimit } {
  const auth = settings.authRequired ? requireAuth() : undefined;
  const rateLimit = pubkeyRateLimit({ perMinute: settings.pubkeyEventsPerMinute, burst: settings.pubkeyBurst });
  return {
    rateLimit,
    rejectEvent: [
      ...(auth ? [auth.event] : []),
      maxTags(settings.maxEventTags),
      maxContentBytes(settings.maxContentBytes),
      createdAtWindow({ pastSeconds: settings.createdAtPastSeconds, futureSeconds: settings.createdAtFutureSeconds }),
      ...(settings.minPowBits > 0 ? [requirePow(settings.minPowBits)] : []),
      protectedEvents(),
    ],
    rejectSignedEvent: [rateLimit],
    rejectFilter: [...(auth ? [auth.filter] : [])],
  };
}
