export type { NostrEvent, Filter } from './types.js';
export { reason, type ReasonPrefix } from './reasons.js';
