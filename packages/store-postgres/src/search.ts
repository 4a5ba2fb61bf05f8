import { parseSearch, tokenize } from '@lifeline/nostr';

// A tsvector lexeme holds at most 2047 bytes; 255 code points (at most 1020 UTF-8 bytes) always
// fit. Query terms are cut the same way, so a term is still a prefix of the word it began.
const MAX_WORD = 255;

function clip(word: string): string {
  if (word.length <= MAX_WORD) return word;
  return Array.from(word).slice(0, MAX_WORD).join('');
}

/**
 * The words of an event as indexed: content plus `t` tags, normalized by `nostr/nip50.ts` exactly
 * as SQLite's FTS5 index gets them. They become tsvector lexemes verbatim (`array_to_tsvector`),
 * never passing through a PostgreSQL parser or dictionary, so Persian folding is ours alone.
 */
export function searchWords(content: string, tags: string[][]): string[] {
  const words = tokenize(content);
  for (const tag of tags) if (tag[0] === 't' && tag[1] !== undefined) words.push(...tokenize(tag[1]));
  return words.map(clip);
}

/** Escapes a lexeme for tsquery input (quotes doubled, backslashes escaped). */
const quote = (word: string) => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * A NIP-50 query as tsquery text: every term a quoted prefix (`:*`), AND'ed, matching a word it
 * begins (nip50.ts's rule). Undefined when the query has no terms: it matches everything.
 */
export function tsqueryOf(search: string): string | undefined {
  const { terms } = parseSearch(search);
  if (terms.length === 0) return undefined;
  return terms.map((t) => `${quote(clip(t))}:*`).join(' & ');
}
