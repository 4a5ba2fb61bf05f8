import { stateName, type HistoryEntry } from '@lifeline/verify-desk';
import { lang, t } from '../../i18n/index.js';
import { Name } from '../Name.js';
import { Time } from '../Time.js';

/** The audit trail, from the events: "Sara marked False, 14:02, reason: …". */
export function ClaimHistory(props: { history: HistoryEntry[]; customs: { value: string; en: string; fa: string }[] }) {
  return (
    <>
      <h2>{t('deskHistory')}</h2>
      <ol class="history" data-testid="history">
        {props.history.map((h) => (
          <li key={h.id} class={h.ignored ? 'muted' : ''}>
            <Name pubkey={h.by} />{' '}
            {h.action === 'opened'
              ? t('deskOpened')
              : h.action === 'state'
                ? t('deskMarked', { state: stateName(h.state ?? '', lang(), props.customs) })
                : h.member
                  ? t('deskAttached', { n: h.source ?? 0 })
                  : t('deskSuggested', { n: h.source ?? 0 })}
            , <Time ts={h.at} />
            {h.reason && h.action !== 'opened' && (
              <>
                , <bdi dir="auto">{t('deskReason', { reason: h.reason })}</bdi>
              </>
            )}
            {h.ignored && <span class="badge warn"> {t('deskIgnored', { why: h.ignored })}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
