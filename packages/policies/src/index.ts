export type {
  EventSource,
  ClientInfo,
  EventInput,
  Verdict,
  RejectEvent,
  RejectSignedEvent,
  RejectFilter,
  Policies,
  ImplementsNip,
} from './types.js';
export { implementsNip, policyNips } from './types.js';
export { TokenBucket } from './token-bucket.js';
export { maxTags, maxContentBytes, createdAtWindow, type CreatedAtWindow } from './limits.js';
export { requirePow } from './pow.js';
export { requireAuth, protectedEvents, type AuthPolicies, type ProtectedOptions } from './auth.js';
export { pubkeyRateLimit, type PubkeyRateLimit, type PubkeyRateLimitOptions } from './rate-limit.js';
export { defaultPolicies, type PolicySettings } from './defaults.js';
export {
  ModerationRules,
  moderationPolicy,
  emptyModeration,
  type ModerationSnapshot,
} from './moderation.js';
