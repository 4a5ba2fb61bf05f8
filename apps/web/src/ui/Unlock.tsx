import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import * as session from '../state/session.js';
import { useStore } from '../state/store.js';
import { LangSwitch } from './LangSwitch.js';
import { AuthUrl } from './signer/RemoteSigner.js';

/** The lock screen: the key stays NIP-49-encrypted until the passphrase is given. */
export function Unlock() {
  const [pass, setPass] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const { method } = useStore(session.sessionState);
  return (
    <main class="onboarding">
      <LangSwitch />
      <h1>{t('unlockTitle')}</h1>
      {method === 'nip46' && <p class="muted">{t('remoteLocked')}</p>}
      <AuthUrl />
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          const ok = await session.unlock(pass).catch(() => false);
          setPass('');
          setBusy(false);
          if (!ok) setError(t('wrongPassphrase'));
        }}
      >
        <label>
          {t('passphrase')}
          <input
            type="password"
            name="passphrase"
            autoComplete="current-password"
            value={pass}
            onInput={(e) => setPass(e.currentTarget.value)}
            required
            // biome-ignore lint/a11y/noAutofocus: the lock screen has one job, taking the passphrase, and the app opens on it; the field is labelled, so starting there skips only the title and the language switch.
            autoFocus
          />
        </label>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <div class="choices">
          <button class="primary" type="submit" disabled={busy}>
            {busy ? t('loading') : t('unlock')}
          </button>
          {/* Panic, second step: the key is already locked; one click erases every local trace, no dialog. */}
          <button type="button" class="danger" onClick={() => void session.wipe()}>
            {t('panicWipe')}
          </button>
        </div>
      </form>
    </main>
  );
}
