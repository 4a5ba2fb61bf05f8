import { normalizeText } from '@lifeline/nostr';

/*
 * Text folded for near-duplicate detection. It starts from NIP-50's search folding
 * (@lifeline/nostr `normalizeText`: Arabic/Persian letter variants, Persian and Arabic-Indic
 * digits, ZWNJ, bidi marks, Arabic diacritics, tatweel) so search and the desk agree on what
 * "the same word" is, then also drops:
 * - Latin diacritics (NFD, then combining marks removed): "café" and "cafe" are one word;
 * - links and nostr: URIs: a quote's embedded reference says nothing about its text;
 * - punctuation and symbols (including Persian ، ؛ ؟ and emoji) and the # of hashtags;
 * and collapses whitespace.
 */

const LINKS = /\b(?:https?:\/\/|nostr:)\S+/giu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/** Folds `text` to the form shingles are taken from. */
export function normalizeForMatch(text: string): string {
  const folded = normalizeText(text.replace(LINKS, ' '))
    .normalize('NFD')
    .replace(/\p{M}+/gu, '');
  return folded.replace(NOT_WORD, ' ').trim();
}
