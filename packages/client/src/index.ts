/** Lifeline client core: keys, relays, feeds and authenticity checks, shared by the web app. */
export * from './types.js';
export * from './storage.js';
export * from './vault.js';
export * from './idle-lock.js';
export * from './signer.js';
export * from './verify.js';
export * from './filter-match.js';
export * from './relay-connection.js';
export * from './pool.js';
export * from './content.js';
export * from './threads.js';
export * from './builders.js';
export * from './builders-social.js';
export * from './authenticity.js';
export * from './impersonation.js';
