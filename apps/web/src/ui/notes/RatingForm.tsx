import { useState } from 'preact/hooks';
import { HELPFULNESS, reasonsFor, type Helpfulness, type RatingReason, type Subject } from '@lifeline/nostr';
import { t } from '../../i18n/index.js';
import { rate } from '../../state/notes.js';
import type { Dict } from '../../i18n/en.js';

const LEVEL_KEY: Record<Helpfulness, keyof Dict> = {
  HELPFUL: 'notesHelpful',
  SOMEWHAT_HELPFUL: 'notesSomewhat',
  NOT_HELPFUL: 'notesNotHelpful',
};

/** The label of a helpfulness level in the UI language. */
export const levelName = (h: Helpfulness) => t(LEVEL_KEY[h]);

/** A reason tag's words in the UI language (keys `notesReason_<tag>`). */
export const reasonName = (r: RatingReason) => t(`notesReason_${r}` as keyof Dict);

/**
 * Rates a note or translation: helpful / somewhat / not helpful, then (for notes) the Community
 * Notes reason tags that go with that level. Publishing again replaces the earlier rating.
 */
export function RatingForm(props: {
  postId: string;
  subject: Subject;
  current?: Helpfulness | undefined;
  withReasons: boolean;
}) {
  const [level, setLevel] = useState<Helpfulness | null>(null);
  const [reasons, setReasons] = useState<RatingReason[]>([]);
  const [status, setStatus] = useState('');
  const send = async (h: Helpfulness, rs: RatingReason[]) => {
    setStatus(t('loading'));
    try {
      const r = await rate(props.postId, { subject: props.subject, helpfulness: h, reasons: rs });
      setStatus(r.queued ? t('notesQueued') : '');
      setLevel(null);
      setReasons([]);
    } catch (err) {
      setStatus((err as Error).message);
    }
  };
  return (
    <div class="rating" data-testid="rating-form">
      {props.current && (
        <p class="muted" data-testid="my-rating">
          {t('notesYourRating', { level: levelName(props.current) })}
        </p>
      )}
      <fieldset class="actions" aria-label={t('notesRateThis')}>
        {HELPFULNESS.map((h) => (
          <button
            type="button"
            key={h}
            aria-pressed={level === h || (level === null && props.current === h)}
            onClick={() => (props.withReasons ? setLevel(level === h ? null : h) : void send(h, []))}
          >
            {levelName(h)}
          </button>
        ))}
      </fieldset>
      {props.withReasons && level && (
        <form
          class="reasons"
          aria-label={t('notesReasons')}
          onSubmit={(e) => {
            e.preventDefault();
            void send(level, reasons);
          }}
        >
          <fieldset>
            <legend>{t('notesReasons')}</legend>
            {reasonsFor(level).map((r) => (
              <label class="inline" key={r}>
                <input
                  type="checkbox"
                  checked={reasons.includes(r)}
                  onChange={(e) =>
                    setReasons(e.currentTarget.checked ? [...reasons, r] : reasons.filter((x) => x !== r))
                  }
                />{' '}
                {reasonName(r)}
              </label>
            ))}
          </fieldset>
          <button class="primary" type="submit">
            {t('notesSendRating')}
          </button>
        </form>
      )}
      {status && (
        <p class="muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
