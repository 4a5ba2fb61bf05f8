/*
 * The pure parts of @lifeline/nostr that the client reuses. Its index also loads event.ts, which
 * imports node:crypto and would break the browser bundle, so these files are imported directly
 * (they import nothing but types).
 */
export { normalizeHashtag, normalizeText } from '../../nostr/dist/nip50.js';
export { normalizeRelayUrl } from '../../nostr/dist/relayUrl.js';
