import { useState } from 'preact/hooks';
import { isLanguageCode, type Subject } from '@lifeline/nostr';
import { lang, t } from '../../i18n/index.js';
import { translate } from '../../state/notes.js';

/** Common choices offered while typing a code; any ISO 639-1 code works. */
const COMMON = ['en', 'fa', 'ar', 'ku', 'az', 'tr', 'de', 'fr', 'es', 'ru'];

/** A guess at the original's language for the form's default: Persian script or not. */
const guessFrom = (text: string) => (/[\u0600-\u06FF]/.test(text) ? 'fa' : 'en');

/** Attaches a translation of a post or entry: its language (ISO 639-1), the original's, and the text. */
export function TranslationForm(props: { subject: Subject; original: string; onDone: () => void }) {
  const from0 = guessFrom(props.original);
  const [from, setFrom] = useState<string>(from0);
  const [to, setTo] = useState<string>(from0 === lang() ? (lang() === 'fa' ? 'en' : 'fa') : lang());
  const [text, setText] = useState('');
  const [error, setError] = useState('');
  const names = new Intl.DisplayNames([lang()], { type: 'language' });
  return (
    <form
      class="translation-form"
      aria-label={t('translationsWrite')}
      onSubmit={async (e) => {
        e.preventDefault();
        const [a, b] = [to.trim().toLowerCase(), from.trim().toLowerCase()];
        if (!isLanguageCode(a) || (b && !isLanguageCode(b))) return setError(t('translationsBadLang'));
        if (a === b) return setError(t('translationsSameLang'));
        if (!text.trim()) return setError(t('translationsTextNeeded'));
        try {
          await translate({ subject: props.subject, lang: a, ...(b ? { from: b } : {}), text });
          props.onDone();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <datalist id="lang-codes">
        {COMMON.map((c) => (
          <option key={c} value={c}>
            {names.of(c)}
          </option>
        ))}
      </datalist>
      <label>
        {t('translationsFrom')}
        <input class="ltr lang-code" list="lang-codes" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
      </label>
      <label>
        {t('translationsTo')}
        <input
          class="ltr lang-code"
          list="lang-codes"
          required
          value={to}
          onInput={(e) => setTo(e.currentTarget.value)}
        />
      </label>
      <label>
        {t('translationsText')}
        <textarea dir="auto" rows={4} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button class="primary" type="submit">
        {t('translationsPublish')}
      </button>
    </form>
  );
}
