import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { saveProfile } from '../state/actions.js';
import * as session from '../state/session.js';
import { LangSwitch } from './LangSwitch.js';
import { ImageField } from './profile/ImageField.js';
import { Qr } from './Qr.js';

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
      {step !== 'choose' && <KeyForm create={step === 'create'} onCancel={() => setStep('choose')} />}
    </div>
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
      {create && (
        <ul class="muted" data-testid="passphrase-rules">
          <li>{t('passRuleLength')}</li>
          <li>{t('passRuleWords')}</li>
          <li>{t('passRuleNoReset')}</li>
          <li>{t('passRuleNeverSent')}</li>
        </ul>
      )}
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

/**
 * After a new key: the backup (ncryptsec as text, a downloadable file and a QR code), then a step
 * for a name and an optional avatar. `onDone` leaves onboarding.
 */
export function Backup(props: { ncryptsec: string; onDone?: () => void }) {
  const [step, setStep] = useState<'backup' | 'profile'>('backup');
  if (step === 'profile' && props.onDone) return <ProfileStep onDone={props.onDone} />;
  return <BackupStep ncryptsec={props.ncryptsec} onDone={props.onDone && (() => setStep('profile'))} />;
}

/** The ncryptsec, to copy, download or scan, with what it is and is not. */
function BackupStep(props: { ncryptsec: string; onDone?: () => void }) {
  const [copied, setCopied] = useState(false);
  const [showQr, setShowQr] = useState(false);
  const file = useBackupFile(props.ncryptsec);
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
        {file && (
          <a class="button" href={file} download={BACKUP_FILE_NAME} data-testid="backup-file">
            {t('downloadBackup')}
          </a>
        )}
        <button type="button" aria-expanded={showQr} onClick={() => setShowQr(!showQr)}>
          {showQr ? t('hideQr') : t('showQr')}
        </button>
      </div>
      {showQr && (
        <>
          <p class="muted">{t('backupQrText')}</p>
          <Qr text={props.ncryptsec} label={t('qrOf', { what: t('backupTitle') })} testId="backup-qr" />
        </>
      )}
      {props.onDone && (
        <div class="choices">
          <button type="button" class="primary" onClick={props.onDone}>
            {t('backupDone')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The name of the downloaded backup file. */
const BACKUP_FILE_NAME = 'lifeline-key-backup.txt';

/** A blob: URL of the backup file (made on this device; freed when the screen goes). */
function useBackupFile(ncryptsec: string): string {
  const [url, setUrl] = useState('');
  useEffect(() => {
    if (!ncryptsec) return;
    // The file says what it is, so whoever finds it later knows it needs the passphrase too.
    const text = `${t('backupFileHeader')}\n\n${ncryptsec}\n`;
    const u = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [ncryptsec]);
  return url;
}

/** A name and an optional avatar for the new account; both can be skipped and changed later. */
function ProfileStep(props: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [picture, setPicture] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <form
      class="onboarding"
      aria-labelledby="name-step-h"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim() && !picture) return props.onDone();
        setBusy(true);
        setError('');
        try {
          await saveProfile({ name: name.trim(), display_name: name.trim(), picture });
          props.onDone();
        } catch (err) {
          setError(t('error', { message: (err as Error).message }));
          setBusy(false);
        }
      }}
    >
      <h1 id="name-step-h">{t('nameStepTitle')}</h1>
      <p>{t('nameStepText')}</p>
      <label>
        {t('displayName')}
        <input name="display_name" dir="auto" value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <ImageField label={t('avatar')} name="picture" value={picture} onChange={setPicture} onBusy={setBusy} />
      <p class="muted">{t('profileNoLocation')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="choices">
        <button class="primary" type="submit" disabled={busy}>
          {t('saveAndContinue')}
        </button>
        <button type="button" onClick={props.onDone} disabled={busy}>
          {t('skipForNow')}
        </button>
      </div>
    </form>
  );
}
