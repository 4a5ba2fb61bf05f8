import { normalizeText } from '@lifeline/nostr';
import type { ProfileFields } from './builders-social.js';

/*
 * Lookalike accounts copy a trusted source's display name under a new key. Names are compared
 * after folding what readers cannot tell apart: case, spaces and punctuation, bidi and zero-width
 * marks, Arabic/Persian letter variants and digits (via the search normalizer), and common
 * confusables (0/o, 1/l/I, Cyrillic and Greek look-alike letters, rn/m, vv/w).
 */

const CONFUSABLE: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  i: 'l',
  '|': 'l',
  '!': 'l',
  // Cyrillic
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'l',
  ј: 'j',
  ѕ: 's',
  к: 'k',
  м: 'm',
  т: 't',
  в: 'b',
  н: 'h',
  // Greek
  α: 'a',
  ο: 'o',
  ρ: 'p',
  ν: 'v',
  τ: 't',
  κ: 'k',
  ι: 'l',
  υ: 'u',
  ε: 'e',
};

/** Folds a display name into the form two look-alike names share. */
function nameKey(name: string): string {
  let s = normalizeText(name);
  // Drop everything but letters and digits (spaces, punctuation, marks, emoji decoration).
  s = s.replace(/[^\p{L}\p{N}|!]/gu, '');
  s = [...s].map((ch) => CONFUSABLE[ch] ?? ch).join('');
  return s.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

/** A followed account that a profile imitates. */
export interface ImpersonationMatch {
  /** The followed account's pubkey. */
  pubkey: string;
  /** The followed account's name that matched. */
  name: string;
}

/**
 * Returns the followed account whose name or display name looks the same as this profile's but
 * belongs to a different key — the profile may be impersonating it. Undefined when none does.
 */
export function impersonationCheck(
  profile: ProfileFields,
  pubkey: string,
  followedProfiles: Iterable<{ pubkey: string; profile: ProfileFields }>,
): ImpersonationMatch | undefined {
  const mine = new Set(
    [profile.name, profile.display_name]
      .filter((n): n is string => !!n)
      .map(nameKey)
      .filter((k) => k.length >= 2),
  );
  if (mine.size === 0) return undefined;
  for (const f of followedProfiles) {
    if (f.pubkey === pubkey) continue;
    for (const n of [f.profile.display_name, f.profile.name]) {
      if (n && mine.has(nameKey(n))) return { pubkey: f.pubkey, name: n };
    }
  }
  return undefined;
}
