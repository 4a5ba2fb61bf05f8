import { useEffect, useState } from 'preact/hooks';
import type { Helpfulness, NoteStatus } from '@lifeline/nostr';
import { t } from '../../i18n/index.js';
import { href } from '../../router.js';
import { isRater, loadRaterReport, setRater, type RaterReport } from '../../state/notes.js';
import { useStore } from '../../state/store.js';
import { Time } from '../Time.js';
import { levelName } from '../notes/RatingForm.js';
import type { Dict } from '../../i18n/en.js';

const STATUS_KEY: Record<NoteStatus, keyof Dict> = {
  CURRENTLY_RATED_HELPFUL: 'notesStatusHelpful',
  CURRENTLY_RATED_NOT_HELPFUL: 'notesStatusNotHelpful',
  NEEDS_MORE_RATINGS: 'notesStatusNeeds',
};

/** Community notes for raters: opting in or out, and which of one's ratings counted in the node's last run. */
export function RatingsScreen() {
  const rater = useStore(isRater);
  const [report, setReport] = useState<RaterReport | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    loadRaterReport().then(setReport, (e: Error) => setError(e.message));
  }, []);
  return (
    <section aria-labelledby="ratings-title">
      <h1 id="ratings-title" class="screen-title">
        {t('notesRatingsTitle')}
      </h1>
      <div class="pad">
        <p>{t('notesRatersExplain')}</p>
        <label class="inline">
          <input type="checkbox" checked={rater} onChange={(e) => setRater(e.currentTarget.checked)} />{' '}
          {t('notesOptIn')}
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {report && report.scoredAt === null && <p class="muted">{t('notesNotScoredYet')}</p>}
        {report && report.scoredAt !== null && (
          <>
            <p class="muted" role="status" data-testid="rater-summary">
              {t('notesScoredAt')} <Time ts={report.scoredAt} /> ·{' '}
              {report.included ? t('notesIncluded') : t('notesNotIncluded')}
            </p>
            {report.ratings.length === 0 ? (
              <p class="muted">{t('notesNoRatings')}</p>
            ) : (
              <ul class="my-ratings" data-testid="my-ratings">
                {report.ratings.map((r) => (
                  <li key={r.rating} data-counted={r.counted ? 'yes' : 'no'}>
                    <span class={r.counted ? 'badge ok' : 'badge'}>
                      {r.counted ? t('notesCounted') : t('notesNotCounted')}
                    </span>{' '}
                    {t('notesYourRating', { level: levelName(r.helpfulness as Helpfulness) })} ·{' '}
                    {t(STATUS_KEY[r.status as NoteStatus] ?? 'notesStatusNeeds')}
                    {r.agreed !== null && ` · ${r.agreed ? t('notesAgreed') : t('notesDisagreed')}`}
                    {r.root && (
                      <>
                        {' '}
                        · <a href={href.thread(r.root)}>{t('notesOpenPost')}</a>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
    </section>
  );
}
