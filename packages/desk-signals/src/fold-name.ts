import { normalizeText } from '@lifeline/nostr';
import { skeleton } from './skeleton.js';

/*
 * A name folded to what a reader sees: first the Persian/Arabic folding the search index uses
 * (Arabic yeh and kaf to Persian, heh and teh marbuta forms, hamza forms, Persian and Arabic-Indic
 * digits to ASCII, ZWNJ, bidi marks, tatweel and harakat dropped), then the UTS #39 skeleton
 * (Latin/Cyrillic/Greek look-alikes, 0/O, 1/l, rn/m), then lowercase again (skeletons map some
 * letters to capitals), keeping only letters and digits so spacing, punctuation and emoji
 * decoration do not tell two names apart.
 */

/** The form two look-alike display names, NIP-05 local parts or domains share. */
export function foldName(name: string): string {
  const folded = skeleton(normalizeText(name)).toLowerCase();
  return folded.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The name as written, minus case and invisible marks: what differs from foldName is a disguise. */
export function plainName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
