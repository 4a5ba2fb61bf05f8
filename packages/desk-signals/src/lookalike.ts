import { AVATAR_HAMMING, hamming } from './dhash.js';
import { editDistance } from './edit-distance.js';
import { foldName, plainName } from './fold-name.js';

/*
 * When one profile imitates another. A shared display name alone is not enough (two people can be
 * called Sara, and a new or pseudonymous account is never suspect for being one): the names must
 * look alike AND one more signal must say "this is a copy":
 * - names look alike: equal after foldName, or within one edit once folded names have at least
 *   MIN_FUZZY_LENGTH letters (so "ali" and "alo" never match);
 * - a disguise: the names are written differently (Arabic yeh for Persian yeh, Cyrillic а for
 *   Latin a, a ZWNJ, Persian digits) yet fold to the same form — nobody does that by accident;
 * - the same avatar: dHash within AVATAR_HAMMING bits;
 * - a look-alike NIP-05: local part and domain fold equal or within one edit, but not identical.
 */

/** Folded names at least this long may also match at edit distance 1. */
export const MIN_FUZZY_LENGTH = 6;
/** Folded names shorter than this never match (a one-letter name imitates nobody). */
export const MIN_NAME_LENGTH = 3;

/** The parts of a kind-0 profile the lookalike rules read, plus its avatar's hash when known. */
export interface ProfileSignals {
  pubkey: string;
  names: string[];
  nip05?: string;
  /** dHash of the fetched avatar (16 hex digits), once the node has fetched it. */
  avatarHash?: string;
}

/** Why a profile was judged to imitate another. */
export type LookalikeReason = 'disguised-name' | 'same-avatar' | 'nip05';

/** A verdict: `pubkey` imitates `imitates`, whose name it copies. */
export interface LookalikeVerdict {
  pubkey: string;
  imitates: string;
  /** The imitated account's name that was copied. */
  name: string;
  reasons: LookalikeReason[];
}

/** The names of a kind-0 content object worth comparing (name and display_name). */
export function profileNames(profile: { name?: unknown; display_name?: unknown; displayName?: unknown }): string[] {
  const names = [profile.display_name, profile.displayName, profile.name].filter(
    (n): n is string => typeof n === 'string' && n.trim() !== '',
  );
  return [...new Set(names.map((n) => n.slice(0, 100)))];
}

/** True when two names look alike to a reader (see the rules above). */
export function namesLookAlike(a: string, b: string): boolean {
  const x = foldName(a);
  const y = foldName(b);
  if (x.length < MIN_NAME_LENGTH || y.length < MIN_NAME_LENGTH) return false;
  if (x === y) return true;
  return Math.min(x.length, y.length) >= MIN_FUZZY_LENGTH && editDistance(x, y, 1) <= 1;
}

/** True when two NIP-05 identifiers differ but look alike (e.g. bbcpersian@bbc.com / bbcpersіan@bbc.com). */
export function nip05LookAlike(a: string, b: string): boolean {
  if (a.toLowerCase() === b.toLowerCase()) return false;
  const [la = '', da = ''] = a.toLowerCase().split('@');
  const [lb = '', db = ''] = b.toLowerCase().split('@');
  const near = (p: string, q: string) => {
    const x = foldName(p);
    const y = foldName(q);
    return x === y || (Math.min(x.length, y.length) >= 4 && editDistance(x, y, 1) <= 1);
  };
  return near(la, lb) && near(da, db);
}

/**
 * Judges whether `candidate` imitates `original` (a trusted or well-followed account). Undefined
 * when it does not, or when they are the same key.
 */
export function lookalike(candidate: ProfileSignals, original: ProfileSignals): LookalikeVerdict | undefined {
  if (candidate.pubkey === original.pubkey) return undefined;
  for (const theirs of original.names) {
    for (const mine of candidate.names) {
      if (!namesLookAlike(mine, theirs)) continue;
      const reasons: LookalikeReason[] = [];
      if (plainName(mine) !== plainName(theirs) && foldName(mine) === foldName(theirs)) reasons.push('disguised-name');
      if (
        candidate.avatarHash &&
        original.avatarHash &&
        hamming(candidate.avatarHash, original.avatarHash) <= AVATAR_HAMMING
      )
        reasons.push('same-avatar');
      if (candidate.nip05 && original.nip05 && nip05LookAlike(candidate.nip05, original.nip05)) reasons.push('nip05');
      if (reasons.length > 0) return { pubkey: candidate.pubkey, imitates: original.pubkey, name: theirs, reasons };
    }
  }
  return undefined;
}
