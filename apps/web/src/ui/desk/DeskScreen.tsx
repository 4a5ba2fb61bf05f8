import { badgeText, stateName } from '@lifeline/verify-desk';
import { useEffect, useRef, useState } from 'preact/hooks';
import { lang, t } from '../../i18n/index.js';
import { amMember, loadDesk, loadQueue, settleReport, type QueueItem, type ReportItem } from '../../state/desk.js';
import { useStore } from '../../state/store.js';
import { desk } from '../../state/desk.js';
import { Name } from '../Name.js';
import { DeskChooser } from './DeskChooser.js';
import { Time } from '../Time.js';
import { ClusterList } from '../desk-signals/ClusterList.js';

const FILTERS = ['open', 'all', 'unstarted', 'in_progress', 'confirmed', 'false', 'misleading', 'inconclusive'];

/**
 * The desk's queue for members (#/desk): open claims (or any state), newest activity first, and
 * NIP-56 reports to resolve. Keyboard-driven: j / k move, Enter opens, f cycles the filter.
 */
export function DeskScreen() {
  const d = useStore(desk);
  const [filter, setFilter] = useState('open');
  const [data, setData] = useState<{ claims: QueueItem[]; reports: ReportItem[] } | undefined>();
  const [version, setVersion] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    void loadDesk().then((found) => (found ? loadQueue(filter).then(setData) : undefined));
  }, [filter, version]);
  useEffect(() => {
    const on = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      const items = [...(list.current?.querySelectorAll<HTMLElement>('[data-testid="queue-item"]') ?? [])];
      const at = items.indexOf(document.activeElement as HTMLElement);
      if (e.key === 'j' || e.key === 'k') {
        items[at < 0 ? 0 : Math.min(Math.max(at + (e.key === 'j' ? 1 : -1), 0), items.length - 1)]?.focus();
      } else if (e.key === 'Enter' && at >= 0) location.hash = `#/claim/${items[at]!.dataset.claim}`;
      else if (e.key === 'f') setFilter((f) => FILTERS[(FILTERS.indexOf(f) + 1) % FILTERS.length]!);
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    addEventListener('keydown', on, true);
    return () => removeEventListener('keydown', on, true);
  }, []);
  if (d === null) return <p>{t('deskNoDesk')}</p>;
  if (d && !amMember()) return <p data-testid="desk-members-only">{t('deskMembersOnly')}</p>;
  return (
    <section class="desk" data-testid="desk-page">
      <h1>{d?.title || t('deskQueue')}</h1>
      <p class="muted">{t('deskKeys')}</p>
      <DeskChooser onChange={() => setVersion((v) => v + 1)} />
      <label>
        {t('deskFilter')}{' '}
        <select data-testid="desk-filter" value={filter} onChange={(e) => setFilter(e.currentTarget.value)}>
          {FILTERS.map((f) => (
            <option value={f}>
              {f === 'open' ? t('deskFilterOpen') : f === 'all' ? t('deskFilterAll') : stateName(f, lang())}
            </option>
          ))}
        </select>
      </label>
      <ol class="queue" ref={list}>
        {data?.claims.length === 0 && <li class="muted">{t('deskNoClaims')}</li>}
        {data?.claims.map((c) => (
          <li key={c.claim} data-state={c.state}>
            <a href={`#/claim/${c.claim}`} data-testid="queue-item" data-claim={c.claim}>
              <bdi dir="auto" lang={c.lang}>
                {c.text}
              </bdi>
            </a>{' '}
            <span class="badge warn">{badgeText(c, lang(), d?.states ?? [])}</span>{' '}
            <span class="muted">
              <Name pubkey={c.openedBy} link={false} /> · <Time ts={c.lastActivity} />
              {c.suggestions > 0 && <> · {t('deskSuggestionCount', { count: c.suggestions })}</>}
            </span>
          </li>
        ))}
      </ol>
      <h2>{t('deskReports')}</h2>
      <ol class="reports" data-testid="reports">
        {data?.reports.length === 0 && <li class="muted">{t('deskNoReports')}</li>}
        {data?.reports.map((r) => (
          <li key={r.id} data-testid="report">
            <strong>{r.type}</strong> · <Name pubkey={r.by} link={false} /> · <Time ts={r.at} />
            {r.pubkey && (
              <>
                {' → '}
                <Name pubkey={r.pubkey} />
              </>
            )}
            {r.content && (
              <p dir="auto">
                <bdi>{r.content}</bdi>
              </p>
            )}
            <button
              type="button"
              onClick={() => void settleReport(r.id, 'resolved', '').then(() => setVersion((v) => v + 1))}
            >
              {t('deskResolve')}
            </button>{' '}
            <button
              type="button"
              onClick={() => void settleReport(r.id, 'dismissed', '').then(() => setVersion((v) => v + 1))}
            >
              {t('deskDismiss')}
            </button>
          </li>
        ))}
      </ol>
      <ClusterList />
    </section>
  );
}
