import { useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { session } from '../state/app.js';
import { LangSwitch } from './LangSwitch.js';

type Step = 'choose' | 'create' | 'import';

/** First run: create a key (then back it up as ncryptsec), import nsec/ncryptsec, or use NIP-07. */
export function Onboarding() {
  const [step, setStep] = useState<Step>('choose');
  const [error, setError] = useState('');
  return (
    <div class="onboarding">
      <LangSwitch />
      <h1>{t('welcome')}</h1>
      <p>{t('welcomeText')}</p>
      {step === 'choose' && (
        <div class="choices">
          <button class="primary" onClick={() => setStep('create')}>{t('createAccount')}</button>
          <button onClick={() => setStep('import')}>{t('importKey')}</button>
          <button
            onClick={async () => {
              setError('');
              if (!(await session.useExtension())) setError(t('noExtension'));
            }}
          >
            {t('useExtension')}
          </button>
          <button class="link" onClick={() => session.readOnly()}>{t('justRead')}</button>
          {error && <p class="error" role="alert">{error}</p>}
        </div>
      )}
      {step === 'create' && (
        <PassphraseForm
          onCancel={() => setStep('choose')}
          onSubmit={async (pass) => {
            // The session moves to 'backup', and App shows the ncryptsec to save.
            await session.createAccount(pass);
          }}
        />
      )}
      {step === 'import' && <ImportForm onCancel={() => setStep('choose')} />}
    </div>
  );
}

/** Asks for a new passphrase twice. */
function PassphraseForm(props: { onSubmit: (pass: string) => Promise<void>; onCancel: () => void; children?: preact.ComponentChildren }) {
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        if (a.length < 8) return setError(t('passphraseShort'));
        if (a !== b) return setError(t('passphraseMismatch'));
        setBusy(true);
        try {
          await props.onSubmit(a);
        } catch (err) {
          setError((err as Error).message);
          setBusy(false);
        }
      }}
    >
      {props.children}
      <p class="muted">{t('passphraseHint')}</p>
      <label>
        {t('passphrase')}
        <input type="password" name="passphrase" autoComplete="new-password" value={a} onInput={(e) => setA(e.currentTarget.value)} required />
      </label>
      <label>
        {t('passphraseRepeat')}
        <input type="password" name="passphrase2" autoComplete="new-password" value={b} onInput={(e) => setB(e.currentTarget.value)} required />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="choices">
        <button class="primary" type="submit" disabled={busy}>{busy ? t('loading') : t('continue')}</button>
        <button type="button" onClick={props.onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** Import an nsec (then encrypt it under a new passphrase) or an ncryptsec (with its passphrase). */
function ImportForm(props: { onCancel: () => void }) {
  const [key, setKey] = useState('');
  const [pass, setPass] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError('');
        try {
          await session.importKey(key.trim(), pass);
        } catch (err) {
          setError((err as Error).message || t('keyInvalid'));
          setBusy(false);
        }
      }}
    >
      <label>
        {t('keyInput')}
        <input type="password" name="key" class="ltr" autoComplete="off" spellcheck={false} value={key} onInput={(e) => setKey(e.currentTarget.value)} required />
      </label>
      <label>
        {t('passphrase')}
        <input type="password" name="passphrase" autoComplete="current-password" value={pass} onInput={(e) => setPass(e.currentTarget.value)} required minLength={8} />
      </label>
      <p class="muted">{t('passphraseHint')}</p>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="choices">
        <button class="primary" type="submit" disabled={busy}>{t('continue')}</button>
        <button type="button" onClick={props.onCancel}>{t('cancel')}</button>
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
      <p class="ncryptsec" data-testid="ncryptsec">{props.ncryptsec}</p>
      <div class="choices">
        <button
          onClick={async () => {
            await navigator.clipboard?.writeText(props.ncryptsec).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? t('copied') : t('copy')}
        </button>
        {props.onDone && <button class="primary" onClick={props.onDone}>{t('backupDone')}</button>}
      </div>
    </div>
  );
}
