import { useState } from 'preact/hooks';
import { parseSources } from '@lifeline/client';
import { MAX_NOTE_LENGTH, type NoteClassification, type Subject } from '@lifeline/nostr';
import { t } from '../../i18n/index.js';
import { writeNote } from '../../state/notes.js';

/** Writes a community note: is the post misleading or not, the note's text, and its sources. */
export function NoteForm(props: { subject: Subject; onDone: () => void }) {
  const [classification, setClassification] = useState<NoteClassification>('MISINFORMED_OR_POTENTIALLY_MISLEADING');
  const [text, setText] = useState('');
  const [sources, setSources] = useState('');
  const [error, setError] = useState('');
  return (
    <form
      class="note-form"
      aria-label={t('notesWrite')}
      onSubmit={async (e) => {
        e.preventDefault();
        if (!text.trim()) return setError(t('notesTextNeeded'));
        const parsed = parseSources(sources);
        if (!parsed.ok) return setError(t('notesBadSource', { source: parsed.bad }));
        try {
          await writeNote({ subject: props.subject, classification, text, links: parsed.links, refs: parsed.refs });
          props.onDone();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <fieldset>
        <legend>{t('notesIsMisleading')}</legend>
        <label class="inline">
          <input
            type="radio"
            name="classification"
            checked={classification === 'MISINFORMED_OR_POTENTIALLY_MISLEADING'}
            onChange={() => setClassification('MISINFORMED_OR_POTENTIALLY_MISLEADING')}
          />{' '}
          {t('notesMisleading')}
        </label>
        <label class="inline">
          <input
            type="radio"
            name="classification"
            checked={classification === 'NOT_MISLEADING'}
            onChange={() => setClassification('NOT_MISLEADING')}
          />{' '}
          {t('notesNotMisleading')}
        </label>
      </fieldset>
      <label>
        {t('notesText')}
        <textarea
          dir="auto"
          rows={3}
          maxLength={MAX_NOTE_LENGTH}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('notesSourcesPrompt')}
        <textarea class="ltr" rows={2} value={sources} onInput={(e) => setSources(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit">
        {t('notesPublish')}
      </button>
    </form>
  );
}
