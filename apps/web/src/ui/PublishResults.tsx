import { t } from '../i18n/index.js';
import type { PublishReport } from '../state/publish.js';

/** Each write relay's answer to the last publish: accepted, rejected (with its reason) or no answer. */
export function PublishResults(props: { report: PublishReport }) {
  return (
    <ul class="relay-results" aria-label={t('publishResults')} data-testid="publish-results">
      {props.report.results.map((r) => (
        <li key={r.relay} class={r.ok ? 'ok' : 'bad'}>
          <bdi class="ltr">{r.relay}</bdi>: {r.ok ? t('accepted') : r.timedOut ? t('timeout') : t('rejected')}
          {r.message ? (
            <>
              {' '}
              — <bdi dir="auto">{r.message}</bdi>
            </>
          ) : null}
        </li>
      ))}
      {props.report.queued && <li>{t('outbox', { count: 1 })}</li>}
    </ul>
  );
}
