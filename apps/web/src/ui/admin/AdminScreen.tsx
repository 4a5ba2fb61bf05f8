import { useEffect, useState } from 'preact/hooks';
import { npubEncode } from 'nostr-tools/nip19';
import { t } from '../../i18n/index.js';
import { href, routePubkey } from '../../router.js';
import { AdminError, loadAdmin, nip86, relayInfo, type AdminView } from '../../state/admin.js';

/** The operator's words for a refused call: not an admin, management off, or the relay's message. */
function explain(e: Error): string {
  if (e instanceof AdminError && e.status === 403) return t('adminNotOperator');
  if (e instanceof AdminError && e.status === 404) return t('adminOff');
  return e.message;
}

const shortNpub = (pubkey: string) => {
  const npub = npubEncode(pubkey);
  return `${npub.slice(0, 14)}…${npub.slice(-6)}`;
};

/**
 * The operator's page (`#/admin`), for keys given with --admin: the NIP-56 reports queue (remove or
 * keep each reported post), bans of keys and posts (with unban), and the relay's name and
 * description. Every action is a NIP-86 call signed with the user's key (NIP-98).
 */
export function AdminScreen() {
  const [view, setView] = useState<AdminView | undefined>();
  const [info, setInfo] = useState<{ name?: string; description?: string; supported_nips?: number[] }>({});
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const [tick, setTick] = useState(0);
  const [banKey, setBanKey] = useState('');
  const [banReason, setBanReason] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  useEffect(() => {
    let live = true;
    loadAdmin()
      .then((v) => {
        if (!live) return;
        setView(v);
        setError('');
      })
      .catch((e: Error) => live && setError(explain(e)));
    relayInfo()
      .then((i) => {
        if (!live) return;
        setInfo(i);
        setName(i.name ?? '');
        setDescription(i.description ?? '');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [tick]);

  /** Runs one action, then reads everything again; says what happened in the status line. */
  const act = async (method: string, params: unknown[], said: string) => {
    try {
      await nip86(method, params);
      setDone(said);
      setError('');
      setTick((n) => n + 1);
    } catch (e) {
      setError(explain(e as Error));
    }
  };

  return (
    <section class="admin" data-testid="admin-page">
      <h1>{t('adminTitle')}</h1>
      <p role="status" class={error ? 'error' : 'muted'}>
        {error || done}
      </p>

      <h2>{t('adminReports')}</h2>
      <ol class="reports">
        {view?.reports.length === 0 && <li class="muted">{t('adminNoReports')}</li>}
        {view?.reports.map((r) => (
          <li key={r.id} data-testid="admin-report">
            <a href={href.thread(r.id)}>{r.id.slice(0, 12)}…</a>{' '}
            <bdi dir="auto" class="reason">
              {r.reason}
            </bdi>{' '}
            <button type="button" class="danger" onClick={() => act('banevent', [r.id, r.reason], t('adminRemoved'))}>
              {t('adminRemove')}
            </button>{' '}
            <button type="button" onClick={() => act('allowevent', [r.id, 'reviewed'], t('adminKept'))}>
              {t('adminKeep')}
            </button>
          </li>
        ))}
      </ol>

      <h2>{t('adminBans')}</h2>
      <form
        aria-label={t('adminBanKey')}
        onSubmit={(e) => {
          e.preventDefault();
          const pubkey = routePubkey(banKey.trim());
          if (!pubkey) return setError(t('adminKeyInvalid'));
          void act('banpubkey', [pubkey, banReason.trim()], t('adminBanned')).then(() => {
            setBanKey('');
            setBanReason('');
          });
        }}
      >
        <label>
          {t('adminKeyInput')}
          <input value={banKey} dir="ltr" onInput={(e) => setBanKey((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('adminReason')}
          <input value={banReason} dir="auto" onInput={(e) => setBanReason((e.target as HTMLInputElement).value)} />
        </label>
        <button type="submit" class="danger">
          {t('adminBan')}
        </button>
      </form>
      <p class="muted">{t('adminBanExplained')}</p>
      <ul class="bans">
        {view?.bannedPubkeys.map((b) => (
          <li key={b.pubkey} data-testid="admin-banned-pubkey">
            <a href={href.profile(npubEncode(b.pubkey))} dir="ltr">
              {shortNpub(b.pubkey)}
            </a>{' '}
            {b.reason && <bdi dir="auto">{b.reason}</bdi>}{' '}
            <button type="button" onClick={() => act('unbanpubkey', [b.pubkey], t('adminUnbanned'))}>
              {t('adminUnban')}
            </button>
          </li>
        ))}
        {view?.bannedEvents.map((b) => (
          <li key={b.id} data-testid="admin-banned-event">
            <span dir="ltr">{b.id.slice(0, 12)}…</span> {b.reason && <bdi dir="auto">{b.reason}</bdi>}{' '}
            <button type="button" onClick={() => act('unbanevent', [b.id], t('adminUnbanned'))}>
              {t('adminUnban')}
            </button>
          </li>
        ))}
      </ul>

      <h2>{t('adminRelayInfo')}</h2>
      <form
        aria-label={t('adminRelayInfo')}
        onSubmit={(e) => {
          e.preventDefault();
          void (async () => {
            if (name !== (info.name ?? '')) await act('changerelayname', [name], t('adminSaved'));
            if (description !== (info.description ?? ''))
              await act('changerelaydescription', [description], t('adminSaved'));
          })();
        }}
      >
        <label>
          {t('adminRelayName')}
          <input value={name} dir="auto" onInput={(e) => setName((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          {t('adminRelayDescription')}
          <textarea
            value={description}
            dir="auto"
            onInput={(e) => setDescription((e.target as HTMLTextAreaElement).value)}
          />
        </label>
        <button type="submit">{t('adminSave')}</button>
      </form>
      <p class="muted">
        {t('adminNips')} <span dir="ltr">{(info.supported_nips ?? []).join(', ')}</span>
      </p>
      <p class="muted">{t('adminNoIps')}</p>
    </section>
  );
}
