import { useState } from 'preact/hooks';
import type { TranslationView } from '@lifeline/client';
import { TRANSLATION_KIND } from '@lifeline/nostr';
import { formatNumber, lang, t } from '../../i18n/index.js';
import { tParts } from '../../i18n/parts.js';
import { Name } from '../Name.js';
import { RatingForm } from './RatingForm.js';

/**
 * The best translation in the reader's language, under the original: who translated it, and a
 * button that hides it, so the original is always one click from being all there is.
 */
export function ShownTranslation(props: { view: TranslationView }) {
  const [hidden, setHidden] = useState(false);
  const tr = props.view.translation;
  const names = new Intl.DisplayNames([lang()], { type: 'language' });
  return (
    <section class="translation" data-testid="translation" aria-label={t('translationsShown')}>
      <p class="muted">
        {tParts('translationsBy', { name: <Name pubkey={tr.translator} /> })}
        {tr.from ? ` · ${t('translationsFromLang', { lang: names.of(tr.from) ?? tr.from })}` : ''}{' '}
        <button type="button" class="link" aria-expanded={!hidden} onClick={() => setHidden(!hidden)}>
          {hidden ? t('translationsShow') : t('translationsShowOriginal')}
        </button>
      </p>
      {!hidden && (
        <p class="body" dir="auto" lang={tr.lang}>
          <bdi>{tr.text}</bdi>
        </p>
      )}
    </section>
  );
}

/** Every translation of a post, ranked, each with its counts and rating buttons for signed-in users. */
export function TranslationList(props: { postId: string; views: TranslationView[]; me: string }) {
  const names = new Intl.DisplayNames([lang()], { type: 'language' });
  return (
    <ul class="translations" aria-label={t('translationsAll')}>
      {props.views.map((v) => (
        <li key={v.translation.id} data-testid="translation-item" data-id={v.translation.id}>
          <p class="muted">
            <span class="badge">{names.of(v.translation.lang) ?? v.translation.lang}</span>{' '}
            {tParts('translationsBy', { name: <Name pubkey={v.translation.translator} /> })} ·{' '}
            {t('translationsCounts', {
              helpful: formatNumber(v.helpful),
              somewhat: formatNumber(v.somewhat),
              not: formatNumber(v.notHelpful),
            })}
          </p>
          <p class="body" dir="auto" lang={v.translation.lang}>
            <bdi>{v.translation.text}</bdi>
          </p>
          {props.me && props.me !== v.translation.translator && (
            <RatingForm
              postId={props.postId}
              subject={{ id: v.translation.id, kind: TRANSLATION_KIND, pubkey: v.translation.translator }}
              current={v.mine?.helpfulness}
              withReasons={false}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
