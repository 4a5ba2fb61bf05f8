import { useEffect, useState } from 'preact/hooks';
import { withTranslation, type TranslationView } from '@lifeline/client';
import type { Blog, ResolvedEntry } from '@lifeline/liveblog';
import { displayName, profilesTick, wantProfile } from '../../state/profiles.js';
import { notesTick, postExtras, wantNotes } from '../../state/notes.js';
import { useStore } from '../../state/store.js';
import { t } from '../../i18n/index.js';

/** Attribution lines in the blog's language (readers of the blog see them, whatever the editor's UI). */
const ATTRIBUTION: Record<string, { from: string; unknown: string; reader: string }> = {
  en: { from: 'Translated from {lang} by {name}:', unknown: 'Translated by {name}:', reader: 'reader {name}' },
  fa: { from: 'ترجمه از {lang}، به قلم {name}:', unknown: 'ترجمه به قلم {name}:', reader: 'خواننده {name}' },
};

/** How a translation reads once inserted (each line quoted), to tell whether an entry already has it. */
const quoted = (text: string) =>
  text
    .split('\n')
    .map((l) => `> ${l}`.trimEnd())
    .join('\n');

/**
 * For a live-blog editor: the translations into the blog's language of an entry and of the posts it
 * embeds, best first; "Insert" appends one to the entry (an edit) with its attribution.
 */
export function InsertTranslation(props: {
  blog: Blog;
  entry: ResolvedEntry;
  onInsert: (body: string) => Promise<void>;
}) {
  useStore(notesTick);
  useStore(profilesTick);
  const [open, setOpen] = useState(false);
  const sources = [props.entry.id, ...props.entry.embeds.flatMap((m) => (m.status === 'verified' ? [m.event.id] : []))];
  useEffect(() => {
    for (const id of sources) wantNotes(id);
  }, [sources.join()]);
  const candidates: TranslationView[] = sources
    .flatMap((id) => postExtras(id).translations)
    .filter((v) => v.translation.lang === props.blog.lang && v.status !== 'CURRENTLY_RATED_NOT_HELPFUL')
    // Already in the entry: offered no more (a second click would insert it twice).
    .filter((v) => !props.entry.body.includes(quoted(v.translation.text)));
  if (candidates.length === 0) return null;
  const words = ATTRIBUTION[props.blog.lang] ?? ATTRIBUTION.en!;
  return (
    <div class="insert-translation">
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {t('translationsInsertOpen', { count: candidates.length })}
      </button>
      {open && (
        <ul aria-label={t('translationsInsertOpen', { count: candidates.length })}>
          {candidates.map((v) => {
            const tr = v.translation;
            wantProfile(tr.translator);
            const name = displayName(tr.translator) ?? `${tr.translator.slice(0, 8)}…`;
            return (
              <li key={tr.id} data-testid="insert-candidate">
                <p class="body" dir="auto">
                  <bdi>{tr.text}</bdi>
                </p>
                <button
                  type="button"
                  onClick={() =>
                    void props.onInsert(
                      withTranslation(props.entry.body, tr, {
                        blogLang: props.blog.lang,
                        translator: words.reader.replace('{name}', name),
                        strings: words,
                      }),
                    )
                  }
                >
                  {t('translationsInsert')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
