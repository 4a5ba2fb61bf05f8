/** Machine-readable prefixes for OK and CLOSED messages (NIP-01, NIP-42). */
export type ReasonPrefix =
  | 'duplicate'
  | 'pow'
  | 'blocked'
  | 'rate-limited'
  | 'invalid'
  | 'restricted'
  | 'mute'
  | 'error'
  | 'auth-required';

/** Builds the one string format every rejection on the wire uses: `prefix: message`. */
export function reason(prefix: ReasonPrefix, message: string): string {
  return `${prefix}: ${message}`;
}
