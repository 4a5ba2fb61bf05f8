// NIP-01 writes ids, pubkeys and signatures as lowercase hex; uppercase is malformed, not equal.
const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

/** True for 64 lowercase hex characters: an event id, a pubkey, a sha256. */
export function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64.test(value);
}

/** True for 128 lowercase hex characters: a Schnorr signature. */
export function isHex128(value: unknown): value is string {
  return typeof value === 'string' && HEX128.test(value);
}
