/** Lifeline client core: keys, relays, feeds and authenticity checks, shared by the web app. */
export * from './types.js';
// Protocol helpers and kind names the web app reaches through this package; @lifeline/nostr owns them.
export {
  AUTH_KIND,
  FOLLOW_LIST_KIND,
  MUTE_LIST_KIND,
  RELAY_LIST_KIND,
  compareNewestFirst as byNewest,
  normalizeHashtag,
  normalizeRelayUrl,
  normalizeText,
  nowSeconds,
} from '@lifeline/nostr';
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
export * from './relay-list.js';
export * from './node-mirrors.js';
export * from './mutes.js';
export * from './follows.js';
export * from './replaceable.js';
export * from './load-replaceable.js';
export * from './notifications.js';
export * from './feeds.js';
export * from './time.js';
export * from './outbox.js';
export * from './auth.js';
export * from './wipe.js';
export * from './community-notes.js';
export * from './deleted-originals.js';
export * from './engagement.js';
export * from './nip05.js';
