import { normalizeText } from '@lifeline/nostr';
import { skeleton } from './skeleton.js';

/*
 * A name folded to what a reader sees: the UTS #39 skeleton (Latin/Cyrillic/Greek look-alikes,
 * 0/O, 1/l, rn/m) of the name as written — skeletons are case-sensitive, Cyrillic В imitates
 * Latin B but в imitates nothing, so this comes before any lowercasing — then the Persian/Arabic
 * folding the search index uses (lower case, Arabic yeh and kaf to Persian, heh and teh marbuta
 * forms, hamza forms, Persian and Arabic-Indic digits to ASCII, ZWNJ, bidi marks, tatweel and
 * harakat dropped), then the skeleton again and lower case (for what the folding produced),
 * keeping only letters and digits so spacing, punctuation and emoji decoration do not tell two
 * names apart.
 */

/** The form two look-alike display names, NIP-05 local parts or domains share. */
export function foldName(name: string): string {
  // Persian and Arabic-Indic digits become ASCII first: the skeleton maps ۰ to a dot, but 0 to O.
  const digits = name
    .normalize('NFKC')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x0660) % 0x90));
  const folded = skeleton(normalizeText(skeleton(digits))).toLowerCase();
  return folded.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The name as written, minus case and invisible marks: what differs from foldName is a disguise. */
export function plainName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}
