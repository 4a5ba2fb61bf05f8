/**
 * The machine-readable prefixes of OK and CLOSED messages (NIP-01, NIP-42) that this relay sends.
 * NIP-01 also defines `restricted` and `mute`; add them here when something answers with them.
 */
export type ReasonPrefix =
  | 'duplicate'
  | 'pow'
  | 'blocked'
  | 'rate-limited'
  | 'invalid'
  | 'error'
  | 'auth-required'
  /** NIP-77's NEG-ERR for a session the relay ended. */
  | 'closed';

/** Builds the one string format every rejection on the wire uses: `prefix: message`. */
export function reason(prefix: ReasonPrefix, message: string): string {
  return `${prefix}: ${message}`;
}
