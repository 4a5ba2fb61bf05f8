import type { EventTemplate, NostrEvent } from './types.js';
import { nowSeconds } from './event.js';
import { TRANSLATION_KIND } from './kinds.js';
import {
  NotesInputError,
  parseScope,
  scopeTags,
  selfLabels,
  type NotesError,
  type Parsed,
  type Subject,
} from './community-notes.js';

/*
 * Community translations (docs/protocol.md): a kind-1315 event whose content is the translated
 * text, attached to a post or live-blog entry with NIP-22 scope tags and language-tagged with
 * NIP-32's ISO-639-1 namespace, as NIP-32 itself shows for languages. Rated with the same rating
 * kind as notes.
 */

/** NIP-32's namespace for ISO 639-1 language codes. */
export const LANGUAGE_NAMESPACE = 'ISO-639-1';
/** Longest translation, in characters: a live-blog entry's body can be long. */
export const MAX_TRANSLATION_LENGTH = 20_000;

/** What a translator supplies. */
export interface TranslationInput {
  subject: Subject;
  /** ISO 639-1 code of the translation ("en"). */
  lang: string;
  /** ISO 639-1 code of the original, when the translator says ("fa"). */
  from?: string;
  text: string;
}

/** A translation as read from a kind-1315 event. */
export interface Translation extends TranslationInput {
  id: string;
  translator: string;
  createdAt: number;
}

/** True for a two-letter lowercase ISO 639-1 code (the shape; the list itself changes too rarely to matter). */
export const isLanguageCode = (code: string) => /^[a-z]{2}$/.test(code);

const fail = (code: string, message: string): NotesError => ({ ok: false, code, message });

/** Checks a translation before it is built. */
export function validateTranslationInput(input: TranslationInput): Parsed<TranslationInput> {
  if (!isLanguageCode(input.lang)) return fail('bad-lang', `not an ISO 639-1 language code: ${input.lang}`);
  if (input.from !== undefined && !isLanguageCode(input.from))
    return fail('bad-lang', `not an ISO 639-1 language code: ${input.from}`);
  if (input.from === input.lang) return fail('same-lang', 'a translation is into another language than the original');
  const text = input.text.trim();
  if (!text) return fail('empty-text', 'a translation needs text');
  if ([...text].length > MAX_TRANSLATION_LENGTH)
    return fail('too-long', `a translation is at most ${MAX_TRANSLATION_LENGTH} characters`);
  const scope = parseScope({ tags: scopeTags(input.subject) });
  if (!scope.ok) return scope;
  return { ok: true, value: { ...input, text } };
}

/** The kind-1315 template for a translation; throws NotesInputError on input the validator refuses. */
export function buildTranslation(input: TranslationInput, createdAt = nowSeconds()): EventTemplate {
  const v = validateTranslationInput(input);
  if (!v.ok) throw new NotesInputError(v.code, v.message);
  const tags = [...scopeTags(input.subject), ['L', LANGUAGE_NAMESPACE], ['l', input.lang, LANGUAGE_NAMESPACE]];
  if (input.from) tags.push(['source-lang', input.from]);
  return { kind: TRANSLATION_KIND, created_at: createdAt, tags, content: v.value.text };
}

/** Reads a kind-1315 event; anything malformed is refused with the reason. */
export function parseTranslation(event: NostrEvent): Parsed<Translation> {
  if (event.kind !== TRANSLATION_KIND) return fail('wrong-kind', `a translation is kind ${TRANSLATION_KIND}`);
  const subject = parseScope(event);
  if (!subject.ok) return subject;
  const langs = selfLabels(event, LANGUAGE_NAMESPACE);
  if (langs.length !== 1) return fail('bad-lang', 'a translation carries exactly one ISO-639-1 label');
  const from = event.tags.find((t) => t[0] === 'source-lang')?.[1];
  const input = validateTranslationInput({
    subject: subject.value,
    lang: langs[0]!,
    ...(from !== undefined ? { from } : {}),
    text: event.content,
  });
  if (!input.ok) return input;
  return {
    ok: true,
    value: { ...input.value, id: event.id, translator: event.pubkey, createdAt: event.created_at },
  };
}
