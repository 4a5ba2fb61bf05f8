/*
 * The pure parts of @lifeline/nostr that the client reuses, through the package's browser-safe
 * subpath exports: its index also loads event.ts, which imports node:crypto.
 */
export { normalizeHashtag, normalizeText } from '@lifeline/nostr/nip50';
export { normalizeRelayUrl } from '@lifeline/nostr/relay-url';
