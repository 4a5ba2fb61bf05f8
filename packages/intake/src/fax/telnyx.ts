import { createPublicKey, verify } from 'node:crypto';

/** Webhooks older or newer than this (seconds) are refused, so a captured one cannot be replayed later. */
export const TELNYX_TOLERANCE_SECONDS = 300;

// An Ed25519 public key as SPKI DER is this 12-byte prefix and the 32 raw key bytes.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/**
 * Telnyx signs each webhook with Ed25519 (API v2): `telnyx-signature-ed25519` is the base64
 * signature of `<telnyx-timestamp>|<raw body>`, checked against the account's public key (base64).
 */
export function verifyTelnyx(
  publicKeyBase64: string,
  timestamp: string | undefined,
  rawBody: Buffer,
  signatureBase64: string | undefined,
  now: number,
): boolean {
  if (!timestamp || !signatureBase64 || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp)) > TELNYX_TOLERANCE_SECONDS) return false;
  const raw = Buffer.from(publicKeyBase64, 'base64');
  const signature = Buffer.from(signatureBase64, 'base64');
  if (raw.length !== 32 || signature.length !== 64) return false;
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  return verify(null, Buffer.concat([Buffer.from(`${timestamp}|`), rawBody]), key, signature);
}

/** What a `fax.received` webhook says about the fax. */
export interface TelnyxFax {
  from: string;
  to: string;
  faxId: string;
  mediaUrl: string;
  /** Set when only part of the fax arrived; `mediaUrl` holds that part. */
  partial: boolean;
}

/** The fax in a Telnyx webhook body, or undefined for other events (which are acknowledged and ignored). */
export function telnyxFax(body: unknown): TelnyxFax | undefined {
  const data = (body as { data?: { event_type?: unknown; payload?: Record<string, unknown> } } | null)?.data;
  if (data?.event_type !== 'fax.received' || !data.payload) return undefined;
  const p = data.payload;
  const mediaUrl = typeof p.media_url === 'string' ? p.media_url : '';
  if (!/^https?:\/\//.test(mediaUrl)) throw new Error('the fax.received event has no media_url');
  return {
    from: typeof p.from === 'string' ? p.from : '',
    to: typeof p.to === 'string' ? p.to : '',
    faxId: typeof p.fax_id === 'string' ? p.fax_id : '',
    mediaUrl,
    partial: p.partial_content === true,
  };
}
