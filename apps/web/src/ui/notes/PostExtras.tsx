import { useEffect, useState } from 'preact/hooks';
import type { Subject } from '@lifeline/nostr';
import { lang, t } from '../../i18n/index.js';
import { isRater, notesTick, postExtras, setRater, shownTranslation, wantNotes } from '../../state/notes.js';
import { me } from '../../state/session.js';
import { useStore } from '../../state/store.js';
import { NoteCard } from './NoteCard.js';
import { NoteForm } from './NoteForm.js';
import { TranslationForm } from './TranslationForm.js';
import { ShownTranslation, TranslationList } from './Translations.js';

type Panel = null | 'note' | 'translate' | 'translations';

/**
 * What readers added under a post or live-blog entry: the best translation in the UI language,
 * notes the node rates helpful (everyone), notes that need ratings (people who chose to rate), and
 * the controls to write notes and translations and to rate them.
 */
export function PostExtras(props: { subject: Subject; original: string }) {
  const id = props.subject.id;
  useStore(notesTick);
  const rater = useStore(isRater);
  const [panel, setPanel] = useState<Panel>(null);
  useEffect(() => wantNotes(id), [id]);
  const { notes, translations } = postExtras(id);
  const shown = shownTranslation(id, lang());
  const self = me();
  const canRate = rater && self !== '';
  const toggle = (p: Panel) => setPanel(panel === p ? null : p);
  return (
    <div class="post-extras" data-testid="post-extras">
      {shown && <ShownTranslation view={shown} />}
      {notes.helpful.map((v) => (
        <NoteCard key={v.note.id} postId={id} view={v} canRate={canRate} me={self} />
      ))}
      {canRate &&
        notes.needsRatings.map((v) => <NoteCard key={v.note.id} postId={id} view={v} canRate={canRate} me={self} />)}
      {self && (
        <fieldset class="actions" aria-label={t('notesActions')}>
          {canRate ? (
            <button type="button" aria-expanded={panel === 'note'} onClick={() => toggle('note')}>
              {t('notesWrite')}
            </button>
          ) : (
            <button type="button" onClick={() => setRater(true)}>
              {t('notesBecomeRater')}
            </button>
          )}
          <button type="button" aria-expanded={panel === 'translate'} onClick={() => toggle('translate')}>
            {t('translationsWrite')}
          </button>
          {translations.length > 0 && (
            <button type="button" aria-expanded={panel === 'translations'} onClick={() => toggle('translations')}>
              {t('translationsCount', { count: translations.length })}
            </button>
          )}
        </fieldset>
      )}
      {panel === 'note' && <NoteForm subject={props.subject} onDone={() => setPanel(null)} />}
      {panel === 'translate' && (
        <TranslationForm subject={props.subject} original={props.original} onDone={() => setPanel('translations')} />
      )}
      {panel === 'translations' && <TranslationList postId={id} views={translations} me={self} />}
    </div>
  );
}
