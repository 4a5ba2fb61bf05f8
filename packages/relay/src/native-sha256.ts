import { createHash } from 'node:crypto';
import type { Sha256Hex } from '@lifeline/nostr';

/**
 * node:crypto's sha256 for the id check every incoming event meets: about 2.5x faster than the
 * pure-JS default of @lifeline/nostr, which must also run in browsers (docs/architecture.md).
 */
export const nativeSha256Hex: Sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

/** node:crypto's sha256 over bytes, for negentropy fingerprints (one per range, many per round). */
export const nativeSha256 = (data: Uint8Array): Uint8Array => createHash('sha256').update(data).digest();
