import type { RelayState } from '@lifeline/client';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.js';
import { deleteEverything, saveRelays, setMute } from '../../state/actions.js';
import { lastPublish } from '../../state/publish.js';
import { prefs } from '../../state/prefs.js';
import { pool, relayList, relayModes, type RelayMode } from '../../state/relays.js';
import { exportNcryptsec, kv, sessionState, setIdleMinutes } from '../../state/session.js';
import { mutedPubkeys, mutesTick } from '../../state/social.js';
import { useStore } from '../../state/store.js';
import { LangSwitch } from '../LangSwitch.js';
import { Name } from '../Name.js';
import { PublishResults } from '../PublishResults.js';
import { MyNpub } from '../profile/MyKey.js';
import { ProfileForm } from '../profile/ProfileForm.js';

const ZONES = [
  'Asia/Tehran',
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'Asia/Dubai',
  'Europe/Istanbul',
];

/** Profile, the npub to share, relays, language and time zone, key backup, and the danger zone. */
export function SettingsScreen(props: { me: string }) {
  return (
    <>
      <h1>{t('settings')}</h1>
      <ProfileForm me={props.me} />
      <MyNpub me={props.me} />
      <Relays />
      <Display />
      <KeySection />
      <Mutes />
      <Danger />
    </>
  );
}

function Relays() {
  const relays = useStore(relayList);
  const modes = useStore(relayModes);
  const last = useStore(lastPublish);
  const [url, setUrl] = useState('');
  const [error, setError] = useState('');
  const [, tick] = useState(0);
  useEffect(() => pool.onStatus(() => tick((n) => n + 1)), []);
  const status = new Map(pool.status().map((s) => [s.url, s]));
  return (
    <section class="card" aria-labelledby="relays-h">
      <h2 id="relays-h">{t('relays')}</h2>
      <ul data-testid="relays">
        {relays.map((r) => (
          <li key={r}>
            <bdi class="ltr">{r}</bdi> <span class="muted">{stateLabel(status.get(r)?.state)}</span>{' '}
            <select
              aria-label={t('relayModeFor', { relay: r })}
              value={modes[r] ?? 'both'}
              onChange={(e) => {
                const next = { ...modes, [r]: e.currentTarget.value as RelayMode };
                const reads = relays.some((u) => (next[u] ?? 'both') !== 'write');
                const writes = relays.some((u) => (next[u] ?? 'both') !== 'read');
                if (!reads || !writes) {
                  e.currentTarget.value = modes[r] ?? 'both';
                  return setError(t('relayNeedsBoth'));
                }
                setError('');
                void saveRelays(relays, next);
              }}
            >
              {(['both', 'read', 'write'] as const).map((m) => (
                <option value={m}>{t(`relayMode_${m}`)}</option>
              ))}
            </select>{' '}
            {relays.length > 1 && (
              <button type="button" onClick={() => void saveRelays(relays.filter((x) => x !== r))}>
                {t('remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const v = url.trim();
          if (!/^wss?:\/\/[^\s/]+/.test(v)) return setError(t('relayUrl'));
          setError('');
          setUrl('');
          void saveRelays([...relays, v]);
        }}
      >
        <label>
          {t('addRelay')}
          <input
            class="ltr"
            name="relay"
            value={url}
            placeholder="wss://…"
            onInput={(e) => setUrl(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit">{t('addRelay')}</button>
      </form>
      {last && (
        <>
          <h3>{t('publishResults')}</h3>
          <PublishResults report={last} />
        </>
      )}
    </section>
  );
}

function stateLabel(state: RelayState | undefined): string {
  return state ? t(`relayState_${state}`) : '';
}

function Display() {
  const zone = useStore(prefs.zone);
  const [idle, setIdle] = useState('15');
  useEffect(() => {
    void kv.get('settings:idleMinutes').then((v) => v && setIdle(v));
  }, []);
  const zones = [...new Set([prefs.deviceZone(), ...ZONES])];
  return (
    <section class="card" aria-labelledby="display-h">
      <h2 id="display-h">
        {t('language')} · {t('timeZone')}
      </h2>
      <LangSwitch />
      <label>
        {t('timeZone')}
        <select name="tz" value={zone} onChange={(e) => prefs.setTimeZone(e.currentTarget.value)}>
          {zones.map((z) => (
            <option key={z} value={z}>
              {z === prefs.deviceZone() ? t('timeZoneLocal', { zone: z }) : z}
            </option>
          ))}
        </select>
      </label>
      {sessionState.get().method === 'local' && (
        <label>
          {t('autoLockMinutes')}
          <input
            type="number"
            min={1}
            max={1440}
            value={idle}
            onChange={(e) => {
              setIdle(e.currentTarget.value);
              void setIdleMinutes(Number(e.currentTarget.value) || 15);
            }}
          />
        </label>
      )}
    </section>
  );
}

function KeySection() {
  const [ncryptsec, setN] = useState('');
  const s = sessionState.get();
  return (
    <section class="card" aria-labelledby="key-h">
      <h2 id="key-h">{t('yourKey')}</h2>
      <p class="muted">{t('signedInWith', { how: s.method === 'nip07' ? t('extension') : t('localKey') })}</p>
      {s.method === 'local' &&
        (ncryptsec ? (
          <p class="ncryptsec">{ncryptsec}</p>
        ) : (
          <button type="button" onClick={async () => setN(await exportNcryptsec())}>
            {t('exportKey')}
          </button>
        ))}
    </section>
  );
}

function Mutes() {
  useStore(mutesTick);
  const muted = mutedPubkeys();
  if (muted.length === 0) return null;
  return (
    <section class="card" aria-labelledby="mutes-h">
      <h2 id="mutes-h">{t('muted')}</h2>
      <ul>
        {muted.map((pk) => (
          <li key={pk}>
            <Name pubkey={pk} />{' '}
            <button type="button" onClick={() => void setMute(pk, false)}>
              {t('unmute')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Danger() {
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <section class="card" aria-labelledby="danger-h">
      <h2 id="danger-h">{t('dangerZone')}</h2>
      <p>{t('deleteEverythingText')}</p>
      <button
        type="button"
        class="danger"
        disabled={busy}
        onClick={async () => {
          if (!confirm(t('deleteEverythingConfirm'))) return;
          setBusy(true);
          const n = await deleteEverything().finally(() => setBusy(false));
          setDone(t('deleteEverythingDone', { count: n }));
        }}
      >
        {t('deleteEverything')}
      </button>
      {done && <p role="status">{done}</p>}
    </section>
  );
}
