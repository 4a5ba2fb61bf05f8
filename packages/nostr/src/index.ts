export type { NostrEvent, Filter } from './types.js';
export { reason, type ReasonPrefix } from './reasons.js';
export * from './kinds.js';
export * from './nip50.js';
export * from './filter.js';
export * from './event.js';
export * from './messages.js';
