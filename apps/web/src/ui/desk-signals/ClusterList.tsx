import { clusterLabel, MAX_CLUSTER_LABEL_ACCOUNTS } from '@lifeline/desk-signals/labels';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { publish } from '../../state/publish.js';
import { Name } from '../Name.js';
import { Time } from '../Time.js';

/** A cluster as GET /desk/signals/clusters serves it. */
interface Cluster {
  id: number;
  accounts: string[];
  posts: number;
  perMinute: number;
  firstSeen: number;
  firstPosts: Array<{ id: string; pubkey: string; createdAt: number; content: string }>;
  media: string[];
}

const VALUES = ['coordinated', 'sockpuppet', 'not_coordinated'] as const;
const VALUE_KEYS = {
  coordinated: 'clusterValueCoordinated',
  sockpuppet: 'clusterValueSockpuppet',
  not_coordinated: 'clusterValueNot',
} as const;

/**
 * Coordinated clusters for the desk page: largest and fastest first, with their accounts and first
 * posts; a member labels a whole cluster with one NIP-32 event (one `p` tag per account).
 */
export function ClusterList() {
  const [clusters, setClusters] = useState<Cluster[] | undefined>();
  const [done, setDone] = useState<Record<number, string>>({});
  useEffect(() => {
    void fetch('/desk/signals/clusters', { headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? (r.json() as Promise<{ clusters: Cluster[] }>) : { clusters: [] }))
      .then((b) => setClusters(b.clusters))
      .catch(() => setClusters([]));
  }, []);
  const label = async (c: Cluster, form: HTMLFormElement) => {
    const data = new FormData(form);
    const report = await publish(
      clusterLabel(c, String(data.get('value')), String(data.get('reason') ?? ''), Math.floor(Date.now() / 1000)),
    );
    setDone((d) => ({ ...d, [c.id]: report.results.some((r) => r.ok) ? t('clusterLabelled') : t('clusterNotSent') }));
  };
  return (
    <section data-testid="clusters">
      <h2>{t('clusters')}</h2>
      {clusters?.length === 0 && <p class="muted">{t('clustersNone')}</p>}
      <ol>
        {clusters?.map((c) => (
          <li key={c.id} data-testid="cluster">
            <strong>{t('clusterSize', { accounts: c.accounts.length, posts: c.posts })}</strong> ·{' '}
            {t('clusterSpeed', { perMinute: c.perMinute })} · <Time ts={Math.floor(c.firstSeen / 1000)} />
            <ul>
              {c.firstPosts.map((p) => (
                <li key={p.id}>
                  <Name pubkey={p.pubkey} />:{' '}
                  <bdi dir="auto">{p.content.length > 200 ? `${p.content.slice(0, 200)}…` : p.content}</bdi>
                </li>
              ))}
            </ul>
            {c.accounts.length <= MAX_CLUSTER_LABEL_ACCOUNTS && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void label(c, e.currentTarget);
                }}
              >
                <select name="value" aria-label={t('clusterLabelAs')}>
                  {VALUES.map((v) => (
                    <option value={v}>{t(VALUE_KEYS[v])}</option>
                  ))}
                </select>{' '}
                <input name="reason" dir="auto" aria-label={t('deskStateReason')} />{' '}
                <button type="submit">{t('clusterLabelAll', { count: c.accounts.length })}</button>
                {done[c.id] && <span role="status"> {done[c.id]}</span>}
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
