import { sniffType } from './sniff.js';
import { stripImage } from './strip.js';

/** Settings of the upload pipeline. */
export interface UploadPolicy {
  /** MIME types accepted (a subset of the types stripImage can re-encode). */
  types: ReadonlySet<string>;
  /** Largest image in pixels (width x height x frames). */
  maxPixels: number;
}

/** An expected refusal: the HTTP status, a short code and a sentence for X-Reason. */
export interface Refusal {
  status: 400 | 401 | 403 | 404 | 409 | 411 | 413 | 415 | 416;
  code: string;
  reason: string;
}

/** Outcome of cleanUpload: bytes ready to hash and store, or a refusal. */
export type CleanResult = { ok: true; bytes: Buffer; type: string } | { ok: false; refusal: Refusal };

/**
 * The upload pipeline before storage: recognize the type from the bytes, refuse what we cannot
 * strip, and re-encode images without metadata. The result is what gets hashed and stored.
 */
export async function cleanUpload(input: Buffer, policy: UploadPolicy): Promise<CleanResult> {
  if (input.length === 0) return refuse(400, 'empty', 'the upload is empty');
  const type = sniffType(input);
  if (!type) return refuse(415, 'unsupported-type', `unrecognized file type: only ${list(policy)} images are accepted`);
  if (!policy.types.has(type)) {
    const why = type.startsWith('image/') ? '' : ' (its metadata cannot be stripped)';
    return refuse(415, 'unsupported-type', `${type} is not accepted${why}: only ${list(policy)} images are`);
  }
  const clean = await stripImage(input, type, { maxPixels: policy.maxPixels });
  if (!clean.ok) return refuse(clean.reason === 'image has too many pixels' ? 413 : 400, 'bad-image', clean.reason);
  return { ok: true, bytes: clean.bytes, type };
}

/** Checks the metadata a BUD-06 preflight (HEAD /upload) announces, before any bytes are sent. */
export function checkAnnounced(
  type: string | undefined,
  length: number,
  maxBytes: number,
  policy: UploadPolicy,
): Refusal | undefined {
  if (length > maxBytes)
    return { status: 413, code: 'too-large', reason: `file is too large: the limit is ${maxBytes} bytes` };
  const t = type?.split(';')[0]?.trim().toLowerCase();
  if (t && !policy.types.has(t))
    return { status: 415, code: 'unsupported-type', reason: `${t} is not accepted: only ${list(policy)} images are` };
  return undefined;
}

const list = (policy: UploadPolicy) => [...policy.types].map((t) => t.replace('image/', '').toUpperCase()).join(', ');

const refuse = (status: Refusal['status'], code: string, reason: string): CleanResult => ({
  ok: false,
  refusal: { status, code, reason },
});
