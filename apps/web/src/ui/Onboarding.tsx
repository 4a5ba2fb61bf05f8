import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import * as session from '../state/session.js';
import { LangSwitch } from './LangSwitch.js';

type Step = 'choose' | 'create' | 'import' | 'remote';
// The NIP-46 sign-in form (issue 15).
import { RemoteSignerForm } from './signer/RemoteSigner.js';

/** First run: create a key (then back it up as ncryptsec), import nsec/ncryptsec, or use NIP-07. */
export function Onboarding() {
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState('');
  return (
    <main class="onboarding">
      <LangSwitch />
      <h1>{t('welcome')}</h1>
      <p>{t('welcomeText')}</p>
      {step === 'choose' && (
        <div class="choices">
          <button type="button" class="primary" onClick={() => setStep('create')}>
            {t('createAccount')}
          </button>
          <button type="button" onClick={() => setStep('import')}>
            {t('importKey')}
          </button>
          <button
            type="button"
            onClick={async () => {
              setError('');
              if (!(await session.useExtension())) setError(t('noExtension'));
            }}
          >
            {t('useExtension')}
          </button>
          <button type="button" onClick={() => setStep('remote')}>
            {t('useRemoteSigner')}
          </button>
          <button type="button" class="link" onClick={() => session.readOnly()}>
            {t('justRead')}
          </button>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </div>
      )}
      {step === 'remote' && <RemoteSignerForm onCancel={() => setStep('choose')} />}
      {(step === 'create' || step === 'import') && (
        <KeyForm create={step === 'create'} onCancel={() => setStep('choose')} />
      )}
    </main>
  );
}

/**
 * Create: a new passphrase, typed twice; the session then moves to 'backup' and App shows the
 * ncryptsec to save. Import: an nsec (encrypted under a new passphrase) or an ncryptsec (with its own).
 */
function KeyForm(props: { create: boolean; onCancel: () => void }) {
  const { create } = props;
  const [key, setKey] = useState('');
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (create && pass.length < 8) return setError(t('passphraseShort'));
        if (create && pass !== repeat) return setError(t('passphraseMismatch'));
        setBusy(true);
        setError('');
        try {
          await (create ? session.createAccount(pass) : session.importKey(key.trim(), pass));
        } catch (err) {
          setError((err as Error).message || t('keyInvalid'));
          setBusy(false);
        }
      }}
    >
      {!create && (
        <label>
          {t('keyInput')}
          <input
            type="password"
            name="key"
            class="ltr"
            autoComplete="off"
            spellcheck={false}
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            required
          />
        </label>
      )}
      <p class="muted">{t('passphraseHint')}</p>
      <label>
        {t('passphrase')}
        <input
          type="password"
          name="passphrase"
          autoComplete={create ? 'new-password' : 'current-password'}
          value={pass}
          onInput={(e) => setPass(e.currentTarget.value)}
          required
          // Creating checks the length itself, to say in words what is wrong.
          minLength={create ? undefined : 8}
        />
      </label>
      {create && (
        <label>
          {t('passphraseRepeat')}
          <input
            type="password"
            name="passphrase2"
            autoComplete="new-password"
            value={repeat}
            onInput={(e) => setRepeat(e.currentTarget.value)}
            required
          />
        </label>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="choices">
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('loading') : t('continue')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Shows the new key as ncryptsec so the user can copy it somewhere safe. */
export function Backup(props: { ncryptsec: string; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="onboarding">
      <h1>{t('backupTitle')}</h1>
      <p>{t('backupText')}</p>
      <p class="ncryptsec" data-testid="ncryptsec">
        {props.ncryptsec}
      </p>
      <div class="choices">
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(props.ncryptsec).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
        {props.onDone && (
          <button type="button" class="primary" onClick={props.onDone}>
            {t('backupDone')}
          </button>
        )}
      </div>
    </div>
  );
}
